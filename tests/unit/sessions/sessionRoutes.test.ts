import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createErrorHandler } from '../../../server/http/createErrorHandler.ts';
import { createLogger } from '../../../server/log/createLogger.ts';
import { createSessionResultSchema, joinSessionResultSchema, sessionLookupSchema } from '../../../server/protocol/session.ts';
import { sessionRoutes } from '../../../server/routes/sessionRoutes.ts';
import { createSessionService, type SessionService } from '../../../server/sessions/createSessionService.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { FakeClient, SECRET, waitFor } from './helpers/fakeClient.ts';
import { createBacking } from './helpers/sessionServer.ts';

let backing: Awaited<ReturnType<typeof createBacking>>;
let sessions: SessionService;
let app: Hono;
let bobToken: string;
const started: string[] = [];

const post = (path: string, body: unknown, token?: string) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const start = async () => {
  const res = await post('/api/sessions', { placeId: 'flat' }, backing.hostToken);
  expect(res.status).toBe(201);
  return createSessionResultSchema.parse(await res.json());
};

beforeAll(async () => {
  backing = await createBacking();
  const bob = await backing.hosts.create({ email: 'bob@example.com', name: 'Bob', password: 'bob-pass-12' });
  bobToken = backing.signer.sign(bob.id, 3600).token;
  await backing.places.put(samplePlace('draft', { hostId: (await backing.hosts.findByEmail('agent@example.com'))!.id, published: false }));
  sessions = await createSessionService({ places: backing.places, secret: SECRET, db: backing.db, log: () => {} });
  app = new Hono();
  app.onError(createErrorHandler(createLogger({ level: 'warn' })));
  app.route(
    '/api/sessions',
    sessionRoutes({
      sessions,
      hosts: backing.hosts,
      signer: backing.signer,
      onSessionStarted: (placeId) => void started.push(placeId),
      rateLimits: { lookup: { burst: 1000, perSecond: 1000 }, join: { burst: 1000, perSecond: 1000 } },
    }),
  );
  app.route('/', createApp({ places: backing.places, hosts: backing.hosts, signer: backing.signer, tilesDir: backing.tilesDir, assetBaseUrl: '' }));
}, 60_000);
afterAll(async () => {
  await sessions?.close();
  await backing?.cleanup();
});

describe('POST /api/sessions', () => {
  it('needs a signed-in host who owns a published place', async () => {
    expect((await post('/api/sessions', { placeId: 'flat' })).status).toBe(401);
    expect((await post('/api/sessions', { placeId: 'flat' }, `${backing.hostToken}x`)).status).toBe(401);
    const bobs = await post('/api/sessions', { placeId: 'flat' }, bobToken);
    expect(bobs.status).toBe(404); // another host's place looks like no place
    expect(await bobs.json()).toMatchObject({ error: 'place_not_found' });
    expect((await post('/api/sessions', { placeId: 'nowhere' }, backing.hostToken)).status).toBe(404);
    const draft = await post('/api/sessions', { placeId: 'draft' }, backing.hostToken);
    expect([draft.status, ((await draft.json()) as { error: string }).error]).toEqual([409, 'not_published']);
    const bad = await post('/api/sessions', { place: 'flat' }, backing.hostToken);
    expect([bad.status, ((await bad.json()) as { field: string }).field]).toEqual([400, 'placeId']);
    expect((await post('/api/sessions', '{nope', backing.hostToken)).status).toBe(400);
  });

  it('returns the code, a join link and a secret host link; the analytics hook hears about it', async () => {
    const before = started.length;
    const s = await start();
    expect(s.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(s.joinUrl).toBe(`http://localhost/join/${s.code}`);
    expect(s.hostUrl).toBe(`http://localhost/join/${s.code}#host=${s.hostKey}`);
    expect(s.hostKey).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(s).toMatchObject({ placeId: 'flat', wsPath: `/ws/sessions/${s.id}`, protocol: 1, voice: { enabled: true, mode: 'p2p' } });
    expect(started.slice(before)).toEqual(['flat']);
    // Only a hash of the host key is kept.
    const [row] = await backing.db.query<Record<string, unknown>>('select * from sessions where id = $1', [s.id]);
    expect(JSON.stringify(row)).not.toContain(s.hostKey);
  });

  it('join codes are unguessable: 50 random bits, no repeats', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) codes.add((await start()).code);
    expect(codes.size).toBe(40);
    const symbols = new Set([...codes].join('').replace(/-/g, ''));
    expect(symbols.size).toBeGreaterThan(25); // the whole 32-symbol alphabet is in use
  });
});

describe('GET /api/sessions/by-code/:code', () => {
  it("names the place in Chinese too when its host wrote it, for the join page read in Chinese", async () => {
    const flat = (await backing.places.get('flat'))!;
    await backing.places.put({ ...flat, titleZh: '公寓' });
    try {
      const s = await start();
      const res = await app.request(`/api/sessions/by-code/${encodeURIComponent(s.code)}`);
      expect(sessionLookupSchema.parse(await res.json())).toMatchObject({ placeTitle: 'Flat flat', placeTitleZh: '公寓' });
    } finally {
      await backing.places.put(flat);
    }
  });

  it('finds a session however the code is typed (case, dashes, O for 0)', async () => {
    const s = await start();
    const variants = [s.code, s.code.toLowerCase(), s.code.replace('-', ''), ` ${s.code.replace('-', ' ')} `, s.code.replace(/0/g, 'O').replace(/1/g, 'l')];
    for (const v of variants) {
      const res = await app.request(`/api/sessions/by-code/${encodeURIComponent(v)}`);
      expect(res.status, v).toBe(200);
      expect(sessionLookupSchema.parse(await res.json())).toMatchObject({ id: s.id, placeId: 'flat', placeTitle: 'Flat flat', status: 'live', participants: 0 });
    }
    // The group's room as the lead entered it (the start room, at its initial view): the join page downloads it while the name is typed.
    const flat = (await backing.places.get('flat'))!;
    const startRoom = flat.scenes.find((r) => r.id === flat.startScene)!;
    const lookup = sessionLookupSchema.parse(await (await app.request(`/api/sessions/by-code/${s.code}`)).json());
    expect(lookup.room.sceneId).toBe(startRoom.id);
    expect(lookup.room.view).toMatchObject({ pitch: startRoom.initialView.pitch, fov: startRoom.initialView.fov });
    for (const v of ['ZZZZZ-ZZZZZ', 'short', 'x'.repeat(300), '<script>']) {
      const res = await app.request(`/api/sessions/by-code/${encodeURIComponent(v)}`);
      expect(res.status, v).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'session_not_found' });
    }
  });

  it('rate-limits lookups and joins per address (guessing codes), with the defaults', async () => {
    const strict = new Hono().onError(createErrorHandler(createLogger({ level: 'warn' }))).route('/', sessionRoutes({ sessions, hosts: backing.hosts, signer: backing.signer }));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await strict.request('/by-code/AAAAA-AAAAA')).status);
    expect(statuses.slice(0, 20).every((x) => x === 404)).toBe(true);
    expect(statuses.slice(20).every((x) => x === 429)).toBe(true);
    const s = await start();
    let limited = 0;
    for (let i = 0; i < 30; i++) {
      const res = await strict.request(`/${s.id}/join`, { method: 'POST', body: JSON.stringify({ name: `N${i}` }) });
      if (res.status === 429) limited++;
    }
    expect(limited).toBeGreaterThanOrEqual(9);
  });
});

describe('POST /api/sessions/:id/join', () => {
  it('gives a seat token for a display name, cleaned to plain text', async () => {
    const s = await start();
    const res = await post(`/api/sessions/${s.id}/join`, { name: '  Mum\u202E\u200B  of\n\tLi ' });
    expect(res.status).toBe(201);
    const j = joinSessionResultSchema.parse(await res.json());
    expect(j).toMatchObject({ sessionId: s.id, name: 'Mum of Li', wsPath: `/ws/sessions/${s.id}` });
    expect(j.participantId).toMatch(/^v[A-Za-z0-9_-]+$/);
    // Markup is just text: kept as typed, never interpreted by the server.
    const html = joinSessionResultSchema.parse(await (await post(`/api/sessions/${s.id}/join`, { name: '<b>Dad</b>' })).json());
    expect(html.name).toBe('<b>Dad</b>');
  });

  it('refuses empty and overlong names, unknown and ended sessions', async () => {
    const s = await start();
    for (const name of ['', '   ', '\u200B\u202E', 'x'.repeat(41)]) {
      const res = await post(`/api/sessions/${s.id}/join`, { name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_body', field: 'name' });
    }
    expect((await post('/api/sessions/nope/join', { name: 'Mum' })).status).toBe(404);
    const del = await app.request(`/api/sessions/${s.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${bobToken}` } });
    expect(del.status).toBe(404); // not Bob's session
    expect((await app.request(`/api/sessions/${s.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${backing.hostToken}` } })).status).toBe(204);
    const ended = await post(`/api/sessions/${s.id}/join`, { name: 'Mum' });
    expect([ended.status, ((await ended.json()) as { error: string }).error]).toEqual([410, 'session_ended']);
    expect((await app.request(`/api/sessions/by-code/${s.code}`)).status).toBe(410);
  });
});

describe('the text rule on names', () => {
  it('a name with a lone surrogate or NUL is a 400 naming the field, saying what to change', async () => {
    const s = await start();
    for (const name of ['Mum\ud800', 'Mum\udc00 Li']) {
      const res = await post(`/api/sessions/${s.id}/join`, { name });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_body', field: 'name', message: expect.stringMatching(/^name: .*broken character/) });
    }
    // NUL and other controls become spaces in a name, as before.
    expect(joinSessionResultSchema.parse(await (await post(`/api/sessions/${s.id}/join`, { name: 'Mum\u0000Li' })).json()).name).toBe('Mum Li');
  });
});

describe('a withdrawn listing', () => {
  it('closes its sessions to viewers: the code lookup, a join and a viewer hello are refused, saying why', async () => {
    const s = await start();
    const seat = joinSessionResultSchema.parse(await (await post(`/api/sessions/${s.id}/join`, { name: 'Mum' })).json());
    const flat = (await backing.places.get('flat'))!;
    await backing.places.put({ ...flat, published: false });
    try {
      const lookup = await app.request(`/api/sessions/by-code/${s.code}`);
      expect(lookup.status).toBe(404);
      expect(await lookup.json()).toMatchObject({ error: 'session_not_found', message: expect.stringMatching(/no longer published/) });
      const join = await post(`/api/sessions/${s.id}/join`, { name: 'Dad' });
      expect(join.status).toBe(404);
      expect(await join.json()).toMatchObject({ error: 'session_not_found', message: expect.stringMatching(/no longer published/) });
      // A seat taken while the place was published does not get in either.
      const c = new FakeClient();
      c.conn = sessions.hub.accept(s.id, c, '203.0.113.9');
      c.sendFrame({ type: 'hello', v: 1, token: seat.token });
      await waitFor(() => c.closed, 'the socket closed');
      expect(c.of('welcome')).toEqual([]);
      expect(c.of('rejected')[0]).toMatchObject({ reason: 'session_not_found', message: expect.stringMatching(/no longer published/) });
    } finally {
      await backing.places.put(flat);
    }
    expect((await app.request(`/api/sessions/by-code/${s.code}`)).status).toBe(200);
  });
});

describe('POST /api/sessions/:id/voice-token', () => {
  it('needs a seat token, and says no LiveKit token is needed when LiveKit is not configured (the built-in voice)', async () => {
    const s = await start();
    expect((await post(`/api/sessions/${s.id}/voice-token`, {})).status).toBe(401);
    expect((await post(`/api/sessions/${s.id}/voice-token`, {}, 'v1.forged.token')).status).toBe(401);
    // The host key works as the host's credential (the host is seated once the session exists).
    const res = await post(`/api/sessions/${s.id}/voice-token`, {}, s.hostKey);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ enabled: false, reason: 'not_configured' });
  });
});
