import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createMetrics } from '../../../server/metrics/createMetrics.ts';
import { createSessionService, type SessionService } from '../../../server/sessions/createSessionService.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let hostToken: string;
let sessions: SessionService;

beforeAll(async () => {
  deps = await createTestDeps();
  const host = await deps.hosts.create({ email: 'agent@example.com', name: 'Agent Li', password: 'agent-pass-1' });
  hostToken = deps.signer.sign(host.id, 3600).token;
  await deps.places.put(samplePlace('flat', { hostId: host.id }));
  sessions = await createSessionService({ places: deps.places, secret: Buffer.alloc(32, 5), db: deps.db, log: () => {} });
  app = createApp({ ...deps, sessions, assetBaseUrl: '', metrics: createMetrics(), metricsToken: TOKEN });
}, 60_000);
afterAll(async () => {
  await sessions?.close();
  await deps?.cleanup();
});

const scrape = (auth?: string) => app.request('/metrics', { headers: auth ? { authorization: auth } : {} });
/** The value of one sample line, e.g. `vantage_bookings_total 3`. */
const sample = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

describe('/metrics', () => {
  it('refuses anonymous callers and wrong tokens; it is off without METRICS_TOKEN', async () => {
    for (const auth of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await scrape(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(await res.text()).not.toContain('vantage_');
    }
    const off = createApp({ ...deps, assetBaseUrl: '', metrics: createMetrics() });
    const res = await off.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('vantage_');
  });

  it('counts a booking, a refused booking and the requests by route pattern', async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sample(before, 'vantage_bookings_total')).toBe(0);
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * 86_400_000).toISOString();
    const slotRes = await app.request('/api/host/places/flat/slots', {
      method: 'POST',
      headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ start, durationMinutes: 60, capacity: 1 }),
    });
    expect(slotRes.status).toBe(201);
    const slotId = ((await slotRes.json()) as { id: string }).id;
    const book = () =>
      app.request('/api/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slotId, name: 'Li Lei', phone: '13800138000' }) });
    expect((await book()).status).toBe(201);
    expect((await book()).status).toBe(409); // the one seat is taken

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await res.text();
    expect(sample(after, 'vantage_bookings_total')).toBe(1);
    expect(after).toMatch(/^vantage_booking_failures_total\{code="[a-z_]+"\} 1$/m);
    // Requests are counted by the route's pattern, never by the raw path a caller chose.
    expect(sample(after, 'vantage_http_requests_total{method="POST",route="/api/host/places/:id/slots",status="201"}')).toBe(1);
    expect(sample(after, 'vantage_http_requests_total{method="POST",route="/api/bookings",status="409"}')).toBe(1);
    for (const name of ['vantage_live_sessions', 'vantage_session_sockets', 'vantage_pose_fanout_ms', 'vantage_ingest_queue_depth', 'vantage_tile_bytes_served_total']) {
      expect(after, name).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
  });

  it('shows the sessions live on this instance (loaded when their first member connects)', async () => {
    const before = sample(await (await scrape(`Bearer ${TOKEN}`)).text(), 'vantage_live_sessions');
    const res = await app.request('/api/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ placeId: 'flat' }),
    });
    expect(res.status).toBe(201);
    // What a member's socket does first: the hub loads the session here.
    expect(await sessions.hub.open(((await res.json()) as { id: string }).id)).not.toBeNull();
    const after = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sample(after, 'vantage_live_sessions')).toBe(before + 1);
    expect(sample(after, 'vantage_session_sockets')).toBe(0);
  });

  it('adds the bytes of each tile served', async () => {
    const dir = path.join(deps.tilesDir, 'flat', 'living', 'r4nd0m01', '0', 'f');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, '0_0.webp'), Buffer.alloc(1234, 1));
    const before = sample(await (await scrape(`Bearer ${TOKEN}`)).text(), 'vantage_tile_bytes_served_total');
    expect((await app.request('/tiles/flat/living/r4nd0m01/0/f/0_0.webp')).status).toBe(200);
    expect((await app.request('/tiles/flat/living/r4nd0m01/0/f/9_9.webp')).status).toBe(404);
    expect(sample(await (await scrape(`Bearer ${TOKEN}`)).text(), 'vantage_tile_bytes_served_total')).toBe(before + 1234);
  });
});
