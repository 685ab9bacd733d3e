import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { requireHost, type HostEnv } from '../../../server/auth/requireHost.ts';
import { createTokenSigner } from '../../../server/auth/createTokenSigner.ts';
import type { Db } from '../../../server/db/Db.ts';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../../server/db/createHostStore.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { createBookingStore } from '../../../server/bookings/createBookingStore.ts';
import { createSlotStore } from '../../../server/bookings/createSlotStore.ts';
import { createErrorHandler } from '../../../server/http/createErrorHandler.ts';
import { createLogger } from '../../../server/log/createLogger.ts';
import type { BookingCreated, HostSlot } from '../../../server/protocol/booking.ts';
import { bookingRoutes, type BookingRouteDeps } from '../../../server/routes/bookingRoutes.ts';
import { hostBookingRoutes } from '../../../server/routes/hostBookingRoutes.ts';
import { samplePlace } from '../db/samplePlace.ts';

/** What an engine's test file provides to the shared cases. */
export interface DbHarness {
  engine: 'pglite' | 'postgres';
  /** Opens a Db on the database called `name`, created empty on first use. */
  open(name: string): Promise<Db>;
  multiInstance: boolean;
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/**
 * A migrated database with two hosts and their places, and the booking routes mounted the
 * way app.ts mounts them (host routes behind requireHost). The clock is movable: `clock.shift`
 * moves what the booking rules think is now.
 */
export async function createBookingFixture(db: Db, opts: Partial<Pick<BookingRouteDeps, 'rateLimits'>> = {}) {
  await migrate(db);
  const places = createDbPlaceStore(db);
  const hosts = createHostStore(db);
  const signer = createTokenSigner(Buffer.alloc(32, 9));
  const tag = Math.random().toString(36).slice(2, 8);
  const alice = await hosts.create({ email: `alice-${tag}@example.com`, name: 'Alice', password: 'alice-pass-1' });
  const bob = await hosts.create({ email: `bob-${tag}@example.com`, name: 'Bob', password: 'bob-pass-1' });
  const ids = { flat: `flat-${tag}`, loft: `loft-${tag}`, draft: `draft-${tag}`, bobs: `bobs-${tag}` };
  await places.put({ ...samplePlace(ids.flat, { title: 'River flat' }), hostId: alice.id });
  await places.put({ ...samplePlace(ids.loft, { title: 'City loft' }), hostId: alice.id });
  await places.put({ ...samplePlace(ids.draft, { title: 'Draft' }), hostId: alice.id, published: false });
  await places.put({ ...samplePlace(ids.bobs, { title: 'Bob’s museum' }), hostId: bob.id });

  const clock = {
    offsetMs: 0,
    /** Moves the clock to `hour`:00 UTC two days ahead and returns that day (YYYY-MM-DD). */
    atUtc(hour: number): string {
      const day = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
      clock.offsetMs = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`) - Date.now();
      return day;
    },
  };
  const now = () => new Date(Date.now() + clock.offsetMs);
  const deps: BookingRouteDeps = {
    db,
    bookings: createBookingStore(db, now),
    slots: createSlotStore(db, now),
    places,
    hosts,
    signer,
    now,
    rateLimits: opts.rateLimits ?? { bookings: false, events: false },
  };
  const app = new Hono();
  // Failures are logged as the server logs them, into `errorLog` for tests to read.
  const errorLog: Record<string, unknown>[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (errorLog.push(JSON.parse(String(chunk))), done()) });
  app.onError(createErrorHandler(createLogger({ level: 'warn', destination })));
  app.route('/api/host', new Hono<HostEnv>().use('*', requireHost(signer, hosts)).route('/', hostBookingRoutes(deps)));
  app.route('/api', bookingRoutes(deps));

  const tokens = { alice: signer.sign(alice.id, 3600).token, bob: signer.sign(bob.id, 3600).token };
  const asHost = (who: keyof typeof tokens, body?: unknown, method = body === undefined ? 'GET' : 'POST'): RequestInit => ({
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  let minute = 0;
  /** A fresh slot `inMs` from now (each call a distinct minute so starts never collide). */
  async function slot(opts: { place?: string; inMs?: number; capacity?: number; durationMinutes?: number; timezone?: string } = {}): Promise<HostSlot> {
    const start = new Date(Math.floor((now().getTime() + (opts.inMs ?? 3 * DAY)) / 60_000) * 60_000 + ++minute * 60_000);
    const res = await app.request(
      `/api/host/places/${opts.place ?? ids.flat}/slots`,
      asHost('alice', { start: start.toISOString(), durationMinutes: opts.durationMinutes ?? 60, capacity: opts.capacity ?? 4, ...(opts.timezone && { timezone: opts.timezone }) }),
    );
    if (res.status !== 201) throw new Error(`slot: ${res.status} ${await res.text()}`);
    return (await res.json()) as HostSlot;
  }

  async function book(slotId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await app.request('/api/bookings', post({ slotId, name: 'Li Lei', phone: '138 0013 8000', partySize: 1, ...extra }, headers));
    return { res, body: (await res.json()) as BookingCreated & { error?: string; message?: string; field?: string; seatsLeft?: number } };
  }

  async function seatsLeft(slotId: string): Promise<number> {
    const [row] = await db.query<{ left: number }>('select capacity - booked as left from slots where id = $1', [slotId]);
    return row.left;
  }

  return { db, places, hosts, signer, app, clock, now, ids, alice, bob, asHost, post, slot, book, seatsLeft, errorLog };
}

export type BookingFixture = Awaited<ReturnType<typeof createBookingFixture>>;
