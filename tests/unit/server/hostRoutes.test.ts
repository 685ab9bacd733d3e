import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let bob: string;
let photo: Buffer;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = (token: string, body: unknown, method = 'POST') => ({
  method,
  headers: { ...auth(token), 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
function upload(token: string, bytes: Buffer, filename: string, name?: string) {
  const form = new FormData();
  form.set('photo', new File([new Uint8Array(bytes)], filename));
  if (name) form.set('name', name);
  return { method: 'POST', headers: auth(token), body: form };
}

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ places: deps.places, db: deps.db, bookings: deps.bookings, slots: deps.slots, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
  await deps.hosts.create({ email: 'alice@example.com', name: 'Alice', password: 'alice-pass-1' });
  await deps.hosts.create({ email: 'bob@example.com', name: 'Bob', password: 'bob-pass-1' });
  const login = async (email: string, password: string) => ((await (await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) })).json()) as { token: string }).token;
  alice = await login('ALICE@example.com', 'alice-pass-1');
  bob = await login('bob@example.com', 'bob-pass-1');
  // A small real equirect: a gradient, 2:1.
  const w = 1024, h = 512, raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, 128], (y * w + x) * 3);
  photo = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
});
afterAll(() => deps.cleanup());

describe('sign-in', () => {
  it('gives a token for the right password and refuses a wrong one with a clear message', async () => {
    expect(alice).toMatch(/^v1\./);
    const bad = await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'alice@example.com', password: 'nope' }) });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'bad_credentials' });
  });

  it('validates the body', async () => {
    const res = await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'not-an-email', password: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_body', field: 'email' });
  });

  it('rate-limits guessing', async () => {
    let limited = 0;
    for (let i = 0; i < 15; i++) {
      const res = await app.request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'bob@example.com', password: `guess${i}` }) });
      if (res.status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
  });
});

describe('host API', () => {
  it('refuses calls without a token, with a forged or expired one', async () => {
    expect((await app.request('/api/host/places')).status).toBe(401);
    expect((await app.request('/api/host/places', { headers: auth(`${alice}x`) })).status).toBe(401);
    const expired = deps.signer.sign('someone', 60, Date.now() - 3600_000).token;
    expect((await app.request('/api/host/places', { headers: auth(expired) })).status).toBe(401);
  });

  it('creates, uploads, links, publishes — and the place goes public only when published', async () => {
    const created = await app.request('/api/host/places', json(alice, { kind: 'home', title: 'River flat', city: 'Hangzhou' }));
    expect(created.status).toBe(201);
    const place = (await created.json()) as { id: string; published: boolean };
    expect(place.published).toBe(false);

    const r1 = await app.request(`/api/host/places/${place.id}/scenes`, upload(alice, photo, 'living.jpg', 'Living room'));
    expect(r1.status).toBe(201);
    const r2 = await app.request(`/api/host/places/${place.id}/scenes`, upload(alice, photo, 'Kitchen.jpg'));
    expect(r2.status).toBe(201);
    expect(await r2.json()).toMatchObject({ id: 'kitchen', name: 'Kitchen' });
    const tiles = await readdir(path.join(deps.tilesDir, place.id, 'living-room'));
    expect(tiles).toHaveLength(1);

    // Unpublished: invisible to the public.
    expect((await app.request(`/api/places/${place.id}`)).status).toBe(404);
    expect(((await (await app.request('/api/places')).json()) as { id: string }[]).some((p) => p.id === place.id)).toBe(false);

    const linked = await app.request(
      `/api/host/places/${place.id}/scenes/living-room`,
      json(alice, { hotspots: [{ id: 'h1', kind: 'scene', target: 'kitchen', yaw: 30, pitch: -10 }], north: 45 }, 'PATCH'),
    );
    expect(linked.status).toBe(200);
    const broken = await app.request(
      `/api/host/places/${place.id}/scenes/living-room`,
      json(alice, { hotspots: [{ id: 'h1', kind: 'scene', target: 'attic', yaw: 30, pitch: -10 }] }, 'PATCH'),
    );
    expect(broken.status).toBe(400);

    expect((await app.request(`/api/host/places/${place.id}`, json(alice, { published: true }, 'PATCH'))).status).toBe(200);
    const pub = await (await app.request(`/api/places/${place.id}`)).json();
    expect(pub.tour.scenes.map((s: { id: string }) => s.id)).toEqual(['living-room', 'kitchen']);
    expect(pub.tour.scenes[0].hotspots[0]).toMatchObject({ target: 'kitchen' });
    expect(pub.tour.scenes[0].north).toBe(45);
  });

  it('another host can neither see nor change the place', async () => {
    const created = (await (await app.request('/api/host/places', json(alice, { kind: 'home', title: 'Private' }))).json()) as { id: string };
    expect((await app.request(`/api/host/places/${created.id}`, { headers: auth(bob) })).status).toBe(404);
    expect((await app.request(`/api/host/places/${created.id}`, json(bob, { published: true }, 'PATCH'))).status).toBe(404);
    expect((await app.request(`/api/host/places/${created.id}/scenes`, upload(bob, photo, 'x.jpg'))).status).toBe(404);
    expect((await app.request(`/api/host/places/${created.id}`, { method: 'DELETE', headers: auth(bob) })).status).toBe(404);
    const bobs = (await (await app.request('/api/host/places', { headers: auth(bob) })).json()) as unknown[];
    expect(bobs).toEqual([]);
  });

  it('two saves of one place at once both land (the floor-plan page moves rooms in parallel)', async () => {
    const created = (await (await app.request('/api/host/places', json(alice, { kind: 'home', title: 'Two rooms' }))).json()) as { id: string };
    for (const name of ['Hall', 'Study']) expect((await app.request(`/api/host/places/${created.id}/scenes`, upload(alice, photo, `${name}.jpg`))).status).toBe(201);
    const moves = await Promise.all([
      app.request(`/api/host/places/${created.id}/scenes/hall`, json(alice, { floor: { x: 1, y: 2 } }, 'PATCH')),
      app.request(`/api/host/places/${created.id}/scenes/study`, json(alice, { floor: { x: 5, y: 6 } }, 'PATCH')),
      app.request(`/api/host/places/${created.id}`, json(alice, { floorPlan: { width: 12, height: 8, rooms: [] } }, 'PATCH')),
    ]);
    expect(moves.map((r) => r.status)).toEqual([200, 200, 200]);
    const saved = (await (await app.request(`/api/host/places/${created.id}`, { headers: auth(alice) })).json()) as {
      tour: { floorPlan: { width: number }; scenes: { id: string; floor: { x: number; y: number } }[] };
    };
    expect(Object.fromEntries(saved.tour.scenes.map((s) => [s.id, s.floor]))).toEqual({ hall: { x: 1, y: 2 }, study: { x: 5, y: 6 } });
    expect(saved.tour.floorPlan.width).toBe(12);
  });

  it('refuses to publish a place with no rooms', async () => {
    const created = (await (await app.request('/api/host/places', json(alice, { kind: 'venue', title: 'Empty hall' }))).json()) as { id: string };
    const res = await app.request(`/api/host/places/${created.id}`, json(alice, { published: true }, 'PATCH'));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'no_rooms' });
  });
});

describe('hostile uploads get one clear sentence and leave nothing behind', () => {
  let placeId: string;
  beforeAll(async () => {
    placeId = ((await (await app.request('/api/host/places', json(alice, { kind: 'home', title: 'Upload target' }))).json()) as { id: string }).id;
  });

  const cases: [string, () => Promise<Buffer>, string, number][] = [
    ['an HTML page', async () => Buffer.from('<!doctype html><script>alert(1)</script>'), 'room.jpg', 415],
    ['an SVG with a script', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><script>alert(1)</script></svg>'), 'room.svg', 415],
    ['a ZIP', async () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0]), 'room.zip', 415],
    ['a truncated JPEG', async () => photo.subarray(0, Math.floor(photo.length / 3)), 'room.jpg', 422],
    ['a photo that is not 2:1', async () => sharp({ create: { width: 900, height: 600, channels: 3, background: '#888' } }).jpeg().toBuffer(), 'room.jpg', 422],
    [
      'a decompression bomb',
      async () => sharp({ create: { width: 20000, height: 10000, channels: 3, background: '#fff' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer(),
      'room.png',
      413,
    ],
  ];
  for (const [what, make, filename, status] of cases) {
    it(`refuses ${what}`, async () => {
      const res = await app.request(`/api/host/places/${placeId}/scenes`, upload(alice, await make(), filename, 'Room'));
      expect(res.status).toBe(status);
      const body = (await res.json()) as { message: string };
      expect(body.message).toMatch(/^[^\n]{10,300}$/);
      expect(body.message).not.toMatch(/at .*\(|Error:/);
      const place = await (await app.request(`/api/host/places/${placeId}`, { headers: auth(alice) })).json();
      expect(place.tour.scenes).toEqual([]);
      const left = await readdir(path.join(deps.tilesDir, placeId)).catch(() => []);
      expect(left.filter((n) => !n.startsWith('.'))).toEqual([]);
    });
  }

  it('refuses a second room with the same name', async () => {
    expect((await app.request(`/api/host/places/${placeId}/scenes`, upload(alice, photo, 'a.jpg', 'Hall'))).status).toBe(201);
    const again = await app.request(`/api/host/places/${placeId}/scenes`, upload(alice, photo, 'b.jpg', 'Hall'));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'name_taken' });
  });
});

describe('editing a place', () => {
  it('a PATCH changes only what it names: publishing keeps the listing', async () => {
    const created = (await (
      await app.request('/api/host/places', json(alice, { kind: 'home', title: 'Keep me', city: 'Suzhou', price: 990000, lat: 31.3, address: '8 Canal St' }))
    ).json()) as { id: string };
    await app.request(`/api/host/places/${created.id}/scenes`, upload(alice, photo, 'hall.jpg'));
    const res = await app.request(`/api/host/places/${created.id}`, json(alice, { published: true }, 'PATCH'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ city: 'Suzhou', price: 990000, lat: 31.3, address: '8 Canal St', published: true });
  });
});
