import { Hono, type Context } from 'hono';
import { requireHost, type HostEnv } from '../auth/requireHost.ts';
import { createRateLimiter } from '../auth/createRateLimiter.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { ApiError } from '../http/ApiError.ts';
import type { BookingStore } from '../bookings/createBookingStore.ts';
import type { SlotStore } from '../bookings/createSlotStore.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { createErrorHandler } from '../http/createErrorHandler.ts';
import { createLogger, type Logger } from '../log/createLogger.ts';
import type { Metrics } from '../metrics/createMetrics.ts';
import { recordTourEvents } from '../bookings/recordTourEvents.ts';
import { renderTicketIcs } from '../bookings/renderTicketIcs.ts';
import { renderTicketQr } from '../bookings/renderTicketQr.ts';
import { timeQuery } from '../bookings/timeQuery.ts';
import { toPublicBooking } from '../bookings/toPublicBooking.ts';
import { toSlot } from '../bookings/toSlot.ts';
import type { Db } from '../db/Db.ts';
import type { HostStore } from '../db/createHostStore.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { bookingCreateSchema, eventBatchSchema, feedbackSchema, rescheduleSchema } from '../protocol/booking.ts';
import { clientKey } from '../http/clientKey.ts';
import { hostBookingRoutes } from './hostBookingRoutes.ts';

type Limit = { burst: number; perSecond: number } | false;

export interface BookingRouteDeps {
  db: Db;
  /** Created once on `db` by the caller, with the same clock as `now`. */
  bookings: BookingStore;
  slots: SlotStore;
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  /** The clock booking rules use (past, started, today); tests move it. */
  now?: () => Date;
  /** Origin for links in notifications and calendar files; the request's origin when absent. */
  publicUrl?: string;
  /** Per-address limits; `false` turns one off (benchmarks, the concurrency test). */
  rateLimits?: { bookings?: Limit; events?: Limit };
  /** Bookings made and refused are counted here. */
  metrics?: Metrics;
  /** For failures inside the host routes this forwards `POST /api/places/:id/slots` to. */
  logger?: Logger;
}

const DAY_MS = 86_400_000;
/** `Idempotency-Key`: a random UUID is the expected value; short keys would collide across visitors. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{16,200}$/;

/**
 * The visitor's side of booking, mounted at `/api`: slots with seats left, booking (with
 * Idempotency-Key), the ticket (JSON, QR, .ics), the manage link (cancel, reschedule,
 * rate) and anonymous tour events. Also `POST /api/places/:id/slots` for hosts, the path
 * the issue names, answered by the host routes.
 */
export function bookingRoutes(deps: BookingRouteDeps) {
  const now = deps.now ?? (() => new Date());
  const { bookings, slots } = deps;
  const limiter = (limit: Limit | undefined, fallback: { burst: number; perSecond: number }) => {
    if (limit === false) return null;
    return createRateLimiter(limit ?? fallback);
  };
  // A family books once; a shared NAT may hold many families, hence a burst.
  const bookLimiter = limiter(deps.rateLimits?.bookings, { burst: 20, perSecond: 0.5 });
  const eventLimiter = limiter(deps.rateLimits?.events, { burst: 120, perSecond: 4 });
  const origin = (c: Context) => deps.publicUrl?.replace(/\/+$/, '') ?? new URL(c.req.url).origin;
  const noStore = { 'cache-control': 'no-store' };

  const app = new Hono();

  app.get('/places/:id/slots', async (c) => {
    const id = c.req.param('id');
    const place = await deps.places.get(id);
    if (!place || !place.published) throw new ApiError(404, 'place_not_found', `There is no place "${id.slice(0, 64)}".`);
    const at = now();
    const from = timeQuery(c, 'from') ?? at;
    const to = timeQuery(c, 'to') ?? new Date(at.getTime() + 90 * DAY_MS);
    if (to.getTime() - from.getTime() > 400 * DAY_MS) throw new ApiError(400, 'invalid_query', 'to: ask for at most 400 days at once.', 'to');
    // A slot that has started can no longer be booked, so visitors never see one.
    const list = (await slots.list(id, { from: from > at ? from : at, to })).filter((s) => s.start > at);
    return c.json(list.map(toSlot), 200, noStore);
  });

  // The path in the issue; the host console uses /api/host/places/:id/slots. Same handler.
  const hostApi = new Hono<HostEnv>().use('*', requireHost(deps.signer, deps.hosts)).route('/', hostBookingRoutes(deps));
  // A separate app's fetch: its refusals need the same answers as everywhere else.
  hostApi.onError(createErrorHandler(deps.logger ?? createLogger({ level: 'warn' })));
  app.post('/places/:id/slots', (c) =>
    hostApi.fetch(new Request(new URL(`/places/${encodeURIComponent(c.req.param('id'))}/slots`, c.req.url), c.req.raw)),
  );

  app.post('/bookings', async (c) => {
    if (bookLimiter && !bookLimiter.take(clientKey(c))) {
      deps.metrics?.bookingFailed('rate_limited');
      throw new ApiError(429, 'rate_limited', 'Too many booking attempts from this address; wait a minute and try again.');
    }
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, 'invalid_header', 'Idempotency-Key: use 16–200 visible ASCII characters, e.g. a random UUID per submit.', 'Idempotency-Key');
    }
    let result: Awaited<ReturnType<BookingStore['book']>>;
    try {
      result = await bookings.book(await readJsonBody(c, bookingCreateSchema), { idempotencyKey: key, origin: origin(c) });
    } catch (e) {
      deps.metrics?.bookingFailed(e instanceof ApiError ? e.code : 'internal');
      throw e;
    }
    if (!result.replayed) deps.metrics?.bookingMade();
    const booking = toPublicBooking(result.booking, now());
    return c.json(
      { booking, manageToken: result.manageToken, manageUrl: `/book/manage/${result.manageToken}` },
      201,
      { ...noStore, location: `/api/bookings/${booking.code}`, ...(result.replayed && { 'idempotent-replayed': 'true' }) },
    );
  });

  // Manage routes first: "manage" is never a ticket code, and these must not be read as one.
  const byToken = async (c: Context) => {
    const b = await bookings.byManageToken(c.req.param('token')!);
    if (!b) throw new ApiError(404, 'booking_not_found', 'This manage link does not match a booking; check that the whole link was copied.');
    return b;
  };
  app.get('/bookings/manage/:token', async (c) => c.json(toPublicBooking(await byToken(c), now()), 200, noStore));

  app.post('/bookings/manage/:token/cancel', async (c) => {
    const b = await bookings.cancel(c.req.param('token'), { origin: origin(c) });
    return c.json(toPublicBooking(b, now()), 200, noStore);
  });

  app.post('/bookings/manage/:token/reschedule', async (c) => {
    const b = await bookings.reschedule(c.req.param('token'), await readJsonBody(c, rescheduleSchema), { origin: origin(c) });
    return c.json(toPublicBooking(b, now()), 200, noStore);
  });

  app.post('/bookings/manage/:token/feedback', async (c) => {
    const b = await bookings.submitFeedback(c.req.param('token'), await readJsonBody(c, feedbackSchema));
    return c.json(toPublicBooking(b, now()), 200, noStore);
  });

  const byCode = async (c: Context) => {
    const code = c.req.param('code')!;
    const b = await bookings.byCode(code);
    if (!b) throw new ApiError(404, 'booking_not_found', `There is no booking with the ticket code "${code.slice(0, 40)}".`);
    return b;
  };
  app.get('/bookings/:code', async (c) => c.json(toPublicBooking(await byCode(c), now()), 200, noStore));

  app.get('/bookings/:code/ticket.ics', async (c) => {
    const b = await byCode(c);
    return c.body(renderTicketIcs(b, origin(c)), 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="vantage-visit-${b.code}.ics"`,
      ...noStore,
    });
  });

  app.get('/bookings/:code/qr.svg', async (c) => {
    const b = await byCode(c);
    // The code never changes for a booking, but a cancelled one should not stay cached anywhere.
    return c.body((await renderTicketQr(b.code, 'svg')) as string, 200, { 'content-type': 'image/svg+xml', ...noStore });
  });

  app.get('/bookings/:code/qr.png', async (c) => {
    const b = await byCode(c);
    return c.body(new Uint8Array((await renderTicketQr(b.code, 'png')) as Buffer), 200, { 'content-type': 'image/png', ...noStore });
  });

  app.post('/events', async (c) => {
    if (eventLimiter && !eventLimiter.take(clientKey(c))) throw new ApiError(429, 'rate_limited', 'Too many tour events from this address; send them in batches.');
    const { events } = await readJsonBody(c, eventBatchSchema);
    const accepted = await recordTourEvents(deps.db, events, now());
    return c.json({ accepted, dropped: events.length - accepted }, 202);
  });

  return app;
}
