import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createSessionService, type SessionService } from '../../../server/sessions/createSessionService.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';

// Every route, every path parameter and query, with what a hostile caller sends: NUL, a lone
// surrogate, broken %-escapes, CR/LF and a huge value. None may be a 500; each refusal is one sentence.
const HOSTILE: Record<string, string> = {
  nul: '%00',
  nulInside: 'flat%00x',
  loneSurrogate: '%ED%A0%80',
  brokenEscape: '%',
  truncatedEscape: '%E0%A4%A',
  crlf: 'a%0d%0aFAKE%20line',
  huge: 'x'.repeat(5000),
};
const HOSTILE_JSON = ['\u0000', 'flat\u0000', '\ud800', 'a\r\nb', 'x'.repeat(5000)];

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let sessions: SessionService;
let app: ReturnType<typeof createApp>;
let token: string;

beforeAll(async () => {
  deps = await createTestDeps();
  const host = await deps.hosts.create({ email: 'agent@example.com', name: 'Agent Li', password: 'agent-pass-1' });
  token = deps.signer.sign(host.id, 3600).token;
  await deps.places.put(samplePlace('flat', { hostId: host.id }));
  await mkdir(path.join(deps.dir, 'client'), { recursive: true });
  await writeFile(path.join(deps.dir, 'client', 'index.html'), '<!doctype html><title>Vantage</title>');
  sessions = await createSessionService({ places: deps.places, secret: Buffer.alloc(32, 3), db: deps.db, log: () => {} });
  app = createApp({ ...deps, sessions, clientDir: path.join(deps.dir, 'client'), assetBaseUrl: '' } as Parameters<typeof createApp>[0]);
}, 60_000);
afterAll(async () => {
  await sessions?.close();
  await deps?.cleanup();
});

/** Every method+path the app serves, with `:params` and wildcards filled by `value`. */
function routesWith(value: string): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (r.method === 'ALL' && r.path === '/*') continue;
    const method = r.method === 'ALL' ? 'GET' : r.method;
    const p = r.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, value).replace(/\*$/, value);
    const key = `${method} ${p}`;
    if (!seen.has(key)) {
      out.push({ method, path: p });
      seen.add(key);
    }
  }
  return out;
}

async function expectRefusedPolitely(res: Response, what: string) {
  expect(res.status, `${what} answered ${res.status}`).toBeLessThan(500);
  if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
    const body = (await res.json()) as { message?: string };
    expect(body.message, what).toMatch(/^[^\n]{8,300}$/);
  }
}

describe('hostile input at the HTTP edge', () => {
  for (const [name, value] of Object.entries(HOSTILE)) {
    it(`never answers 500 to ${name} in a path parameter, anonymous or signed in`, async () => {
      for (const { method, path: p } of routesWith(value)) {
        for (const auth of [undefined, `Bearer ${token}`]) {
          const res = await app.request(p, { method, headers: { 'content-type': 'application/json', ...(auth && { authorization: auth }) }, ...(method !== 'GET' && method !== 'HEAD' && { body: '{}' }) });
          await expectRefusedPolitely(res, `${method} ${p.slice(0, 80)} ${auth ? 'as host' : 'anonymous'}`);
        }
      }
    });

    it(`never answers 500 to ${name} in a query`, async () => {
      for (const { method, path: p } of routesWith('flat')) {
        if (method !== 'GET') continue;
        const q = ['from', 'to', 'status', 'slotId', 'tz', 'scene', 'yaw'].map((k) => `${k}=${value}`).join('&');
        const res = await app.request(`${p}?${q}`, { headers: { authorization: `Bearer ${token}` } });
        await expectRefusedPolitely(res, `GET ${p}?${q.slice(0, 60)}`);
      }
    });
  }

  it('answers a malformed %-escape in a page path with a 4xx, not a 500', async () => {
    for (const p of ['/places/%/tour', '/places/%E0%A4%A/tour', '/places/%E0%A4%A', '/places/%00/tour', '/places/%ED%A0%80/book']) {
      const res = await app.request(p, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
      // Refused before any route, but still with the headers every answer has, and one sentence to read.
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(await res.text(), p).toMatch(/^The address [^\n]+\.$/);
    }
  });

  it('refuses NUL, lone surrogates and control characters in ids inside JSON bodies with a 400', async () => {
    const post = (p: string, body: unknown, auth = false) =>
      app.request(p, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
    for (const bad of HOSTILE_JSON) {
      const cases: [string, Response][] = [
        ['booking slotId', await post('/api/bookings', { slotId: bad, placeId: 'flat', name: 'Li', phone: '13800000000', party: 1 })],
        ['booking placeId', await post('/api/bookings', { slotId: 'x', placeId: bad, name: 'Li', phone: '13800000000', party: 1 })],
        ['event placeId', await post('/api/events', { events: [{ type: 'tour_view', placeId: bad }] })],
        ['event sceneId', await post('/api/events', { events: [{ type: 'room_enter', placeId: 'flat', sceneId: bad }] })],
        ['checkin placeId', await post('/api/host/checkin', { placeId: bad, code: 'ABC' }, true)],
        ['checkin code', await post('/api/host/checkin', { placeId: 'flat', code: bad }, true)],
        ['session placeId', await post('/api/sessions', { placeId: bad }, true)],
        ['reschedule slotId', await post('/api/bookings/manage/some-token-that-is-long/reschedule', { slotId: bad })],
        ['slot create', await post('/api/host/places/flat/slots', { start: bad, durationMinutes: 60, capacity: 2, timezone: bad }, true)],
        ['place create id', await post('/api/host/places', { id: bad, title: 'T', kind: 'home' }, true)],
      ];
      for (const [what, res] of cases) await expectRefusedPolitely(res, `${what} = ${JSON.stringify(bad).slice(0, 20)}`);
    }
  });
});
