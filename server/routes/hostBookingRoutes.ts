import { Hono, type Context } from 'hono';
import type { HostEnv } from '../auth/requireHost.ts';
import { ApiError } from '../http/ApiError.ts';
import { errorBody } from '../http/createErrorHandler.ts';
import { canManagePlace } from '../auth/canManagePlace.ts';
import type { HostStore } from '../db/createHostStore.ts';
import type { BookingStore } from '../bookings/createBookingStore.ts';
import type { SlotStore } from '../bookings/createSlotStore.ts';
import { loadFunnel } from '../bookings/loadFunnel.ts';
import { loadPlaceFeedback } from '../bookings/loadPlaceFeedback.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { timeQuery } from '../bookings/timeQuery.ts';
import { toHostBooking } from '../bookings/toHostBooking.ts';
import { toSlot } from '../bookings/toSlot.ts';
import type { SlotRecord } from '../bookings/createSlotStore.ts';
import { weeklySlotStarts } from '../bookings/weeklySlotStarts.ts';
import { zonedParts } from '../bookings/zonedParts.ts';
import type { Db } from '../db/Db.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';
import { checkinSchema, DEFAULT_TIMEZONE, slotCreateSchema, timezoneSchema, weeklySlotsSchema, type HostSlot } from '../protocol/booking.ts';

export interface HostBookingRouteDeps {
  db: Db;
  /** Created once on `db` by the caller, with the same clock as `now`. */
  bookings: BookingStore;
  slots: SlotStore;
  places: PlaceStore;
  /** Who may manage which place (canManagePlace). */
  hosts: HostStore;
  /** The clock booking rules use; tests move it. */
  now?: () => Date;
  /** Origin for links in notifications; the request's origin when absent. */
  publicUrl?: string;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const toHostSlot = (s: SlotRecord): HostSlot => ({ ...toSlot(s), booked: s.booked, bookings: s.bookings, checkedIn: s.checkedIn });
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The host's side of booking, mounted at `/api/host` behind requireHost (it reads
 * `c.get('host')`): slots (one, or a weekly template), bookings, check-in at the door,
 * feedback and the funnel. Every route checks that the place is the host's; another host's
 * place is answered exactly like a missing one.
 */
export function hostBookingRoutes(deps: HostBookingRouteDeps) {
  const now = deps.now ?? (() => new Date());
  const { slots, bookings } = deps;
  const origin = (c: Context) => deps.publicUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;

  const app = new Hono<HostEnv>();
  // Fail closed if this is ever mounted without requireHost in front of it.
  app.use('*', async (c, next) => {
    // Answered here, not thrown: this guard must hold even where no onError is installed.
    if (!c.get('host')) return c.json(errorBody(new ApiError(401, 'unauthenticated', 'Sign in as a host first (Authorization: Bearer <token>).')), 401);
    await next();
  });

  async function ownPlace(c: Context<HostEnv>): Promise<PlaceRecord> {
    const id = c.req.param('id') ?? '';
    const p = await deps.places.get(id);
    if (!p || !(await canManagePlace(deps.hosts, c.get('host'), p))) throw new ApiError(404, 'place_not_found', `You have no place "${id.slice(0, 64)}".`);
    return p;
  }

  app.get('/places/:id/slots', async (c) => {
    const p = await ownPlace(c);
    const at = now();
    const from = timeQuery(c, 'from') ?? new Date(at.getTime() - 30 * DAY_MS);
    const to = timeQuery(c, 'to') ?? new Date(at.getTime() + 400 * DAY_MS);
    return c.json((await slots.list(p.id, { from, to })).map(toHostSlot));
  });

  app.post('/places/:id/slots', async (c) => {
    const p = await ownPlace(c);
    const body = await readJsonBody(c, slotCreateSchema);
    const slot = await slots.create(p.id, { ...body, start: new Date(body.start) });
    return c.json(toHostSlot(slot), 201);
  });

  app.post('/places/:id/slots/weekly', async (c) => {
    const p = await ownPlace(c);
    const body = await readJsonBody(c, weeklySlotsSchema);
    const { durationMinutes, capacity, timezone } = body;
    const result = await slots.createMany(p.id, weeklySlotStarts(body, now()), { durationMinutes, capacity, timezone });
    return c.json({ created: result.created.map(toHostSlot), skipped: result.skipped }, 201);
  });

  app.delete('/places/:id/slots/:slotId', async (c) => {
    const p = await ownPlace(c);
    await slots.delete(p.id, c.req.param('slotId'));
    return c.body(null, 204);
  });

  app.get('/places/:id/bookings', async (c) => {
    const p = await ownPlace(c);
    const at = now();
    const status = c.req.query('status');
    if (status !== undefined && status !== 'confirmed' && status !== 'cancelled') {
      throw new ApiError(400, 'invalid_query', 'status: use confirmed or cancelled.', 'status');
    }
    const list = await bookings.listForPlace(p.id, {
      from: timeQuery(c, 'from') ?? new Date(at.getTime() - 30 * DAY_MS),
      to: timeQuery(c, 'to') ?? new Date(at.getTime() + 400 * DAY_MS),
      slotId: c.req.query('slotId'),
      status,
    });
    return c.json(list.map(toHostBooking), 200, { 'cache-control': 'no-store' });
  });

  app.post('/places/:id/bookings/:code/cancel', async (c) => {
    const p = await ownPlace(c);
    const b = await bookings.cancelByHost(p.id, c.req.param('code'), { origin: origin(c) });
    return c.json(toHostBooking(b));
  });

  app.post('/checkin', async (c) => {
    const body = await readJsonBody(c, checkinSchema);
    const host = c.get('host');
    const place = await deps.places.get(body.placeId);
    if (!place || !(await canManagePlace(deps.hosts, host, place))) {
      throw new ApiError(404, 'place_not_found', `placeId: you have no place "${body.placeId.slice(0, 64)}".`, 'placeId');
    }
    const r = await bookings.checkIn({ code: body.code, placeId: place.id, host, hosts: deps.hosts });
    const ok = r.result === 'checked_in';
    return c.json(
      {
        ...(!ok && { error: r.result }),
        result: r.result,
        ok,
        message: r.message,
        checkedInAt: r.checkedInAt?.toISOString() ?? null,
        booking: r.booking && toHostBooking(r.booking),
        ticketPlace: r.ticketPlace,
      },
      ok ? 200 : 409,
    );
  });

  app.get('/places/:id/feedback', async (c) => {
    const p = await ownPlace(c);
    return c.json(await loadPlaceFeedback(deps.db, p.id));
  });

  app.get('/places/:id/funnel', async (c) => {
    const p = await ownPlace(c);
    const tz = c.req.query('tz') ?? DEFAULT_TIMEZONE;
    if (!timezoneSchema.safeParse(tz).success) throw new ApiError(400, 'invalid_query', 'tz: unknown time zone; use an IANA name such as Asia/Shanghai.', 'tz');
    const day = (name: 'from' | 'to') => {
      const v = c.req.query(name);
      if (v !== undefined && (!DAY.test(v) || Number.isNaN(Date.parse(v)))) throw new ApiError(400, 'invalid_query', `${name}: use a date as YYYY-MM-DD.`, name);
      return v;
    };
    const to = day('to') ?? zonedParts(now(), tz).date;
    const from = day('from') ?? addDays(to, -29);
    if (from > to) throw new ApiError(400, 'invalid_query', 'from: must not be after to.', 'from');
    if (Date.parse(to) - Date.parse(from) > 366 * DAY_MS) throw new ApiError(400, 'invalid_query', 'from: ask for at most 366 days at once.', 'from');
    const sceneNames = new Map(p.scenes.map((s) => [s.id, s.name]));
    return c.json(await loadFunnel(deps.db, { placeId: p.id, from, to, timeZone: tz, sceneNames }), 200, { 'cache-control': 'no-store' });
  });

  return app;
}
