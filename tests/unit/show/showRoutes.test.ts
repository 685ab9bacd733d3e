import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeSchema, placeSummarySchema, SHOW_ANGLES_MAX, showSchema, type Show } from '@protocol';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

/**
 * A show's host API (server/show/showRoutes.ts) through createApp + app.request, on a real
 * embedded database: create the show, add / replace / edit / delete angles, go live, end,
 * replay; who may do it; what the text rule and the angle limit refuse; what the public API
 * then says about each angle's playlist.
 */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let bob: string;

const send = (token: string | null, method: string, url: string, body?: unknown) =>
  app.request(url, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
/** The raw body, for text JSON.stringify would not produce (a lone surrogate). */
const sendRaw = (token: string, method: string, url: string, body: string) =>
  app.request(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });

const stage = { id: 'stage', label: 'Stage', labelZh: '舞台', projection: 'flat', source: { kind: 'loop', segmentSeconds: 2, segments: 6 } };
const wide = { label: 'Wide 360', projection: '360-mono', offsetMs: -1500, source: { kind: 'published' } };
const balcony = { id: 'balcony', label: 'Balcony', projection: 'flat', source: { kind: 'url', url: 'https://cdn.example.com/balcony/index.m3u8' } };

/** A new show place of Alice's, with its show created (no angles yet). */
async function newShow(title = 'Evening concert'): Promise<string> {
  const res = await send(alice, 'POST', '/api/host/places', { kind: 'show', title, city: 'Hangzhou', address: 'West Lake 1', price: null, currency: 'CNY', description: 'Three cameras.', lat: 30.25, lng: 120.15, areaM2: null });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  expect((await send(alice, 'PUT', `/api/host/places/${id}/show`, {})).status).toBe(201);
  return id;
}
const showOf = async (res: Response): Promise<Show> => showSchema.parse(await res.json());

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ ...deps, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@show.test', name: 'Alice', password: 'alice-pass-1' });
  const b = await deps.hosts.create({ email: 'bob@show.test', name: 'Bob', password: 'bob-pass-12' });
  alice = deps.signer.sign(a.id, 3600).token;
  bob = deps.signer.sign(b.id, 3600).token;
}, 60_000);
afterAll(() => deps.cleanup());

describe('a host runs a show', () => {
  it('creates it, adds angles, goes live, publishes; GET /api/places/:id names each angle’s playlist URL', async () => {
    const id = await newShow();
    // A show with no angle cannot go live, nor be published.
    let res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'live' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'no_angles', message: 'Add at least one angle before the show goes live.' });
    res = await send(alice, 'PATCH', `/api/host/places/${id}`, { published: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'no_angles', message: 'Add at least one camera angle before publishing the show.' });

    res = await send(alice, 'POST', `/api/host/places/${id}/show/angles`, stage);
    expect(res.status).toBe(201);
    res = await send(alice, 'POST', `/api/host/places/${id}/show/angles`, wide);
    expect(res.status).toBe(201);
    res = await send(alice, 'POST', `/api/host/places/${id}/show/angles`, balcony);
    const show = await showOf(res);
    // The id of an angle sent without one comes from its label; offsets default to 0.
    expect(show.angles.map((a) => [a.id, a.offsetMs])).toEqual([['stage', 0], ['wide-360', -1500], ['balcony', 0]]);
    expect(show.status).toBe('upcoming');

    res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'live', mainAngle: 'wide-360' });
    expect(res.status).toBe(200);
    const live = await showOf(res);
    expect(live.status).toBe('live');
    expect(Date.now() - Date.parse(live.startsAt!)).toBeLessThan(60_000); // going live stamps the start
    expect((await send(alice, 'PATCH', `/api/host/places/${id}`, { published: true })).status).toBe(200);

    const pub = await app.request(`/api/places/${id}`);
    expect(pub.status).toBe(200);
    const place = placeSchema.parse(await pub.json());
    expect(place.kind).toBe('show');
    expect(place.show?.status).toBe('live');
    expect(place.show?.mainAngle).toBe('wide-360');
    expect(place.show?.angles.map((a) => [a.id, a.playlistUrl])).toEqual([
      ['stage', `/live/${id}/stage/index.m3u8`],
      ['wide-360', `/tiles/${id}/_show/wide-360/index.m3u8`],
      ['balcony', 'https://cdn.example.com/balcony/index.m3u8'],
    ]);
    expect(place.show?.angles[0]).toMatchObject({ label: 'Stage', labelZh: '舞台', projection: 'flat' });
    // Where a stream comes from stays on the server.
    expect(JSON.stringify(place)).not.toContain('"source"');
    // The catalogue lists it beside homes and museums.
    const list = placeSummarySchema.array().parse(await (await app.request('/api/places')).json());
    expect(list.find((p) => p.id === id)?.kind).toBe('show');
  });

  it('ends, replays, ends again; an impossible change is refused with 409 and one sentence', async () => {
    const id = await newShow();
    await send(alice, 'POST', `/api/host/places/${id}/show/angles`, stage);
    expect((await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'live' })).status).toBe(200);
    let res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'ended' });
    const ended = await showOf(res);
    expect(ended.status).toBe('ended');
    expect(Date.parse(ended.endsAt!)).toBeGreaterThanOrEqual(Date.parse(ended.startsAt!));
    res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'live' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'status_refused', field: 'status', message: 'A show that is ended cannot become live; it can only become replay.' });
    expect((await showOf(await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'replay' }))).status).toBe('replay');
    // On replay a published angle plays its whole recording, not the live window.
    await send(alice, 'POST', `/api/host/places/${id}/show/angles`, { id: 'wide', label: 'Wide', projection: 'flat', source: { kind: 'published' } });
    expect((await send(alice, 'PATCH', `/api/host/places/${id}`, { published: true })).status).toBe(200);
    const replay = placeSchema.parse(await (await app.request(`/api/places/${id}`)).json());
    expect(replay.show?.angles.find((a) => a.id === 'wide')?.playlistUrl).toBe(`/tiles/${id}/_show/wide/archive.m3u8`);
    expect((await showOf(await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'ended' }))).status).toBe('ended');
    // The schedule is checked too, and the main angle must be one of the show's.
    res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { startsAt: '2026-12-08T20:00:00Z', endsAt: '2026-12-08T19:00:00Z' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'endsAt', message: 'endsAt: the show cannot end before it starts.' });
    res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { mainAngle: 'nowhere' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'mainAngle' });
    // A show called off before its scheduled start ends then, and its start stays as it was.
    const off = await newShow();
    await send(alice, 'PATCH', `/api/host/places/${off}/show`, { startsAt: '2099-01-01T20:00:00Z' });
    const called = await showOf(await send(alice, 'PATCH', `/api/host/places/${off}/show`, { status: 'ended' }));
    expect(called).toMatchObject({ status: 'ended', startsAt: '2099-01-01T20:00:00Z' });
    expect(Date.now() - Date.parse(called.endsAt!)).toBeLessThan(60_000);
    res = await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'paused' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_body', field: 'status' });
  });

  it('edits an angle’s offset and label, replaces it whole, and deletes it with its files; the last angle gone withdraws the show', async () => {
    const id = await newShow();
    await send(alice, 'POST', `/api/host/places/${id}/show/angles`, { ...stage, source: { kind: 'published' } });
    let res = await send(alice, 'PATCH', `/api/host/places/${id}/show/angles/stage`, { offsetMs: 1500, label: 'Main stage' });
    expect((await showOf(res)).angles[0]).toMatchObject({ offsetMs: 1500, label: 'Main stage', labelZh: '舞台' });
    res = await send(alice, 'PATCH', `/api/host/places/${id}/show/angles/stage`, { offsetMs: 60_000 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'offsetMs' });
    // The source is not the PATCH's to change: PUT replaces the angle whole, in its place.
    res = await send(alice, 'PATCH', `/api/host/places/${id}/show/angles/stage`, { source: { kind: 'published' } });
    expect(res.status).toBe(400);
    await send(alice, 'POST', `/api/host/places/${id}/show/angles`, balcony);
    res = await send(alice, 'PUT', `/api/host/places/${id}/show/angles/stage`, { ...balcony, id: undefined, label: 'Stage, via CDN' });
    expect(res.status).toBe(200);
    expect((await showOf(res)).angles.map((a) => [a.id, a.label, a.playlistUrl])).toEqual([
      ['stage', 'Stage, via CDN', 'https://cdn.example.com/balcony/index.m3u8'],
      ['balcony', 'Balcony', 'https://cdn.example.com/balcony/index.m3u8'],
    ]);
    res = await send(alice, 'PUT', `/api/host/places/${id}/show/angles/stage`, { ...stage, id: 'other' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'id' });

    await send(alice, 'PATCH', `/api/host/places/${id}/show`, { status: 'live', mainAngle: 'stage' });
    expect((await send(alice, 'PATCH', `/api/host/places/${id}`, { published: true })).status).toBe(200);
    const folder = path.join(deps.tilesDir, id, '_show', 'stage');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'index.m3u8'), '#EXTM3U\n');
    res = await send(alice, 'DELETE', `/api/host/places/${id}/show/angles/stage`);
    const left = await showOf(res);
    expect(left.angles.map((a) => a.id)).toEqual(['balcony']);
    expect(left.mainAngle).toBeUndefined(); // the main angle went with it
    await expect(stat(folder)).rejects.toThrow(/ENOENT/);
    expect((await send(alice, 'DELETE', `/api/host/places/${id}/show/angles/stage`)).status).toBe(404);
    expect((await app.request(`/api/places/${id}`)).status).toBe(200);
    await send(alice, 'DELETE', `/api/host/places/${id}/show/angles/balcony`);
    // Nothing left to watch: withdrawn, as a home that loses its last room is.
    expect((await app.request(`/api/places/${id}`)).status).toBe(404);
    expect((await deps.places.get(id))?.published).toBe(false);
  });
});

describe('what the show API refuses', () => {
  it('refuses a stranger, and another host exactly as if the place did not exist; nothing changes', async () => {
    const id = await newShow();
    await send(alice, 'POST', `/api/host/places/${id}/show/angles`, stage);
    const before = await deps.places.get(id);
    for (const [method, url, body] of [
      ['PUT', `/api/host/places/${id}/show`, { status: 'live' }],
      ['PATCH', `/api/host/places/${id}/show`, { status: 'live' }],
      ['POST', `/api/host/places/${id}/show/angles`, balcony],
      ['PUT', `/api/host/places/${id}/show/angles/stage`, balcony],
      ['PATCH', `/api/host/places/${id}/show/angles/stage`, { label: 'Mine now' }],
      ['DELETE', `/api/host/places/${id}/show/angles/stage`, undefined],
    ] as const) {
      const anon = await send(null, method, url, body);
      expect(anon.status, `${method} ${url} unauthenticated`).toBe(401);
      expect(await anon.json()).toMatchObject({ error: 'unauthenticated' });
      const other = await send(bob, method, url, body);
      expect(other.status, `${method} ${url} as Bob`).toBe(404);
      expect(await other.json()).toEqual({ error: 'place_not_found', message: `You have no place "${id}".` });
    }
    expect(await deps.places.get(id)).toStrictEqual(before);
  });

  it('refuses hostile text by the text rule, a plain-http URL and a malformed id, with the field named', async () => {
    const id = await newShow();
    const url = `/api/host/places/${id}/show/angles`;
    for (const label of ['Stage\u202egpj.exe', 'Stage\u0000', 'Two\nlines', '   ', 'x'.repeat(61)]) {
      const res = await send(alice, 'POST', url, { ...stage, label });
      expect(res.status, JSON.stringify(label)).toBe(400);
      const body = (await res.json()) as { error: string; field: string; message: string };
      expect(body).toMatchObject({ error: 'invalid_body', field: 'label' });
      expect(body.message).toMatch(/^label: /);
    }
    let res = await sendRaw(alice, 'POST', url, `{"id":"stage","label":"Stage \\ud800","projection":"flat","source":{"kind":"published"}}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'label', message: expect.stringMatching(/broken character/) });
    res = await send(alice, 'POST', url, { ...balcony, labelZh: '阳台\u2066' });
    expect(await res.json()).toMatchObject({ field: 'labelZh' });
    res = await send(alice, 'POST', url, { ...balcony, source: { kind: 'url', url: 'http://cdn.example.com/a.m3u8' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'source.url', message: 'source.url: an angle URL must be https' });
    res = await send(alice, 'POST', url, { ...balcony, source: { kind: 'url', url: 'javascript:alert(1)' } });
    expect(res.status).toBe(400);
    res = await send(alice, 'POST', url, { ...balcony, id: '../etc' });
    expect(await res.json()).toMatchObject({ field: 'id' });
    expect((await send(alice, 'PATCH', `${url}/..%2Fetc`, { label: 'x' })).status).toBe(404);
    expect((await deps.places.get(id))?.show?.angles).toEqual([]);
  });

  it(`refuses a ${SHOW_ANGLES_MAX + 1}th angle with 409 and one sentence, by POST and by PUT`, async () => {
    const id = await newShow();
    for (let i = 1; i <= SHOW_ANGLES_MAX; i++) expect((await send(alice, 'POST', `/api/host/places/${id}/show/angles`, { ...balcony, id: `cam-${i}` })).status).toBe(201);
    let res = await send(alice, 'POST', `/api/host/places/${id}/show/angles`, { ...balcony, id: 'cam-10' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'too_many_angles', message: `This show already has ${SHOW_ANGLES_MAX} angles, the most one may hold; delete one before adding another.` });
    res = await send(alice, 'PUT', `/api/host/places/${id}/show/angles/cam-10`, { ...balcony, id: 'cam-10' });
    expect(res.status).toBe(409);
    // Replacing one of the nine is fine.
    expect((await send(alice, 'PUT', `/api/host/places/${id}/show/angles/cam-9`, { ...balcony, id: undefined, label: 'Nine' })).status).toBe(200);
    res = await send(alice, 'POST', `/api/host/places/${id}/show/angles`, { ...balcony, id: 'cam-1' });
    expect(res.status).toBe(409);
    expect((await deps.places.get(id))?.show?.angles).toHaveLength(SHOW_ANGLES_MAX);
  });

  it('only a show holds angles: a home is told so; a show before it is created, too; its kind stays while it has angles', async () => {
    let res = await send(alice, 'POST', '/api/host/places', { kind: 'home', title: 'Flat', city: '', address: '', price: null, currency: 'EUR', description: '', lat: 0, lng: 0, areaM2: null });
    const home = ((await res.json()) as { id: string }).id;
    res = await send(alice, 'PUT', `/api/host/places/${home}/show`, {});
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'not_a_show' });
    res = await send(alice, 'POST', '/api/host/places', { kind: 'show', title: 'Bare', city: '', address: '', price: null, currency: 'EUR', description: '', lat: 0, lng: 0, areaM2: null });
    const bare = ((await res.json()) as { id: string }).id;
    res = await send(alice, 'POST', `/api/host/places/${bare}/show/angles`, stage);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'no_show', message: expect.stringMatching(/create it first/) });
    expect((await send(alice, 'PATCH', `/api/host/places/${bare}/show`, { status: 'live' })).status).toBe(409);
    const id = await newShow();
    await send(alice, 'POST', `/api/host/places/${id}/show/angles`, stage);
    res = await send(alice, 'PATCH', `/api/host/places/${id}`, { kind: 'home' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'has_angles' });
    // The host's own view of the place carries the show, published or not.
    res = await send(alice, 'GET', `/api/host/places/${id}`);
    expect(((await res.json()) as { show: Show }).show.angles[0].playlistUrl).toBe(`/live/${id}/stage/index.m3u8`);
  });
});
