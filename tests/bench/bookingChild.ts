/**
 * The server side of `npm run bench:booking`, in its own process as in production (clients
 * are elsewhere): a fresh database (PGlite in a temp folder, or a throwaway Postgres schema),
 * a published place with 20 big slots, and the booking routes on 127.0.0.1. Prints one JSON
 * line `{ port, slots }` when ready; cleans up on SIGTERM.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTokenSigner } from '../../server/auth/createTokenSigner.ts';
import { createSlotStore } from '../../server/bookings/createSlotStore.ts';
import { createBookingStore } from '../../server/bookings/createBookingStore.ts';
import { createErrorHandler } from '../../server/http/createErrorHandler.ts';
import { createLogger } from '../../server/log/createLogger.ts';
import type { Db } from '../../server/db/Db.ts';
import { createDb } from '../../server/db/createDb.ts';
import { createDbPlaceStore } from '../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../server/db/createHostStore.ts';
import { migrate } from '../../server/db/migrate.ts';
import { bookingRoutes } from '../../server/routes/bookingRoutes.ts';

const engine = process.argv[2] as 'pglite' | 'postgres';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cleanups: (() => Promise<unknown>)[] = [];

let db: Db;
if (engine === 'pglite') {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-bench-booking-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  db = await createDb({ dataDir: dir });
} else {
  const schema = `vantage_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  cleanups.push(async () => {
    await admin.query(`drop schema "${schema}" cascade`);
    await admin.end();
  });
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  db = await createDb({ databaseUrl: url.toString(), dataDir: '/nonexistent/unused' });
}
cleanups.unshift(() => db.close());

await migrate(db);
const places = createDbPlaceStore(db);
const hosts = createHostStore(db);
const host = await hosts.create({ email: 'bench@example.com', name: 'Bench', password: 'bench-pass-1' });
await places.put({
  id: 'bench-flat', hostId: host.id, kind: 'home', title: 'Bench flat', city: 'Hangzhou', address: 'Riverside 1', price: null,
  currency: 'CNY', description: '', lat: 30.2, lng: 120.2, areaM2: null, published: true, startScene: '', scenes: [],
});
const starts = Array.from({ length: 20 }, (_, i) => new Date(Date.now() + 3 * 86_400_000 + i * 3600_000));
const { created } = await createSlotStore(db).createMany('bench-flat', starts, { durationMinutes: 60, capacity: 10_000, timezone: 'Asia/Shanghai' });

const app = new Hono();
// The baseline: the same server and HTTP path without the database.
app.get('/ping', (c) => c.json({ ok: true }));
// CPU time of this process, all threads (PGlite's worker too): per booking it is the cost that
// other load on a shared machine hardly changes, unlike latency.
app.get('/cpu', (c) => {
  const { user, system } = process.cpuUsage();
  return c.json({ ms: (user + system) / 1000 });
});
app.onError(createErrorHandler(createLogger({ level: 'warn' })));
app.route('/api', bookingRoutes({ db, bookings: createBookingStore(db), slots: createSlotStore(db), places, hosts, signer: createTokenSigner(randomBytes(32)), rateLimits: { bookings: false, events: false } }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, slots: created.map((s) => s.id) }));
});
process.on('SIGTERM', () => {
  server.close(async () => {
    for (const c of cleanups) await c().catch(() => {});
    process.exit(0);
  });
});
