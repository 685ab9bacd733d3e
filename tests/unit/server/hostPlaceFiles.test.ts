import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createTileGrants } from '../../../server/places/createTileGrants.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

/**
 * What a host's uploads and a place's files may and may not do: uploads checked whole before
 * any tiling, the floor plan only ever our own file, an unpublished place's tiles for its
 * host alone, and no way to learn that another host's place id exists.
 */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let bob: string;
let photo: Buffer;
let png: Buffer;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = (token: string, body: unknown, method = 'POST') => ({ method, headers: { ...auth(token), 'content-type': 'application/json' }, body: JSON.stringify(body) });
function upload(token: string, bytes: Buffer, filename: string, name?: string) {
  const form = new FormData();
  form.set('photo', new File([new Uint8Array(bytes)], filename));
  if (name !== undefined) form.set('name', name);
  return { method: 'POST', headers: auth(token), body: form };
}
const createPlace = async (token: string, body: Record<string, unknown> = {}) =>
  (await (await app.request('/api/host/places', json(token, { kind: 'home', title: 'Test flat', ...body }))).json()) as { id: string };
const tilesOf = (placeId: string) => readdir(path.join(deps.tilesDir, placeId), { recursive: true }).catch(() => []);

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@example.com', name: 'Alice', password: 'alice-pass-1' });
  const b = await deps.hosts.create({ email: 'bob@example.com', name: 'Bob', password: 'bob-pass-1' });
  alice = deps.signer.sign(a.id, 3600).token;
  bob = deps.signer.sign(b.id, 3600).token;
  const w = 1024, h = 512, raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, 90], (y * w + x) * 3);
  photo = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#369' } }).png().toBuffer();
});
afterAll(() => deps.cleanup());

describe('an upload is checked whole before any tiling starts', () => {
  const refused: [string, string, string | undefined][] = [
    ['a NUL in the room name', 'hall.jpg', 'Hall\u0000'],
    ['a NUL in the file name', 'ha\u0000ll.jpg', undefined],
    ['a line break in the room name', 'hall.jpg', 'Hall\r\nForged: line'],
    ['a room name of 81 characters', 'hall.jpg', '😀'.repeat(81)],
  ];
  for (const [what, filename, name] of refused) {
    it(`refuses ${what} with a 400 and one sentence, and tiles nothing`, async () => {
      const place = await createPlace(alice);
      const res = await app.request(`/api/host/places/${place.id}/scenes`, upload(alice, photo, filename, name));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { message: string };
      expect(body.message).toMatch(/^[^\n]{10,300}$/);
      expect(body.message).not.toMatch(/at .*\(|Error:/);
      expect(body.message).not.toContain('\u0000');
      expect(await tilesOf(place.id)).toEqual([]);
      expect(((await (await app.request(`/api/host/places/${place.id}`, { headers: auth(alice) })).json()) as { tour: { scenes: unknown[] } }).tour.scenes).toEqual([]);
    });
  }

  it('takes a long file name as a room name of 80 characters', async () => {
    const place = await createPlace(alice);
    const res = await app.request(`/api/host/places/${place.id}/scenes`, upload(alice, photo, `${'😀'.repeat(100)}.jpg`));
    expect(res.status).toBe(201);
    expect(Array.from(((await res.json()) as { name: string }).name)).toHaveLength(80);
  });
});

describe("another host's place id", () => {
  it('asking for a taken id is answered exactly as asking for a free one: a new place of your own under a new id', async () => {
    const alices = await createPlace(alice, { title: 'Secret listing' });
    const taken = await app.request('/api/host/places', json(bob, { kind: 'home', title: 'Mine', id: alices.id }));
    const free = await app.request('/api/host/places', json(bob, { kind: 'home', title: 'Mine', id: 'never-used-id' }));
    expect([taken.status, free.status]).toEqual([201, 201]);
    const [t, f] = (await Promise.all([taken.json(), free.json()])) as { id: string }[];
    expect(t.id).toMatch(new RegExp(`^${alices.id}-[0-9a-f]{6}$`));
    expect(f.id).toMatch(/^never-used-id-[0-9a-f]{6}$/);
    expect((await deps.places.get(alices.id))?.hostId).not.toBe((await deps.places.get(t.id))?.hostId);
    expect((await deps.places.get(alices.id))?.title).toBe('Secret listing');
  });
});

describe('the floor plan image', () => {
  it('is only ever the file the host uploaded: a PATCH can neither set an outside address nor another place’s file', async () => {
    const place = await createPlace(alice);
    const outside = await app.request(`/api/host/places/${place.id}`, json(alice, { floorPlan: { width: 10, height: 8, rooms: [], image: 'https://tracker.example/pixel.png' } }, 'PATCH'));
    expect(outside.status).toBe(400);
    const borrowed = await app.request(`/api/host/places/${place.id}`, json(alice, { floorPlan: { width: 10, height: 8, rooms: [], image: '/tiles/another-place/_plan/plan-0123456789ab.png' } }, 'PATCH'));
    expect(borrowed.status).toBe(200);
    expect(((await borrowed.json()) as { tour: { floorPlan: { image?: string } } }).tour.floorPlan.image).toBeUndefined();

    const uploaded = await app.request(`/api/host/places/${place.id}/floorplan-image`, { method: 'PUT', headers: { ...auth(alice), 'content-type': 'image/png' }, body: new Uint8Array(png) });
    expect(uploaded.status).toBe(200);
    const image = ((await uploaded.json()) as { tour: { floorPlan: { image: string } } }).tour.floorPlan.image;
    expect(image).toMatch(new RegExp(`^/tiles/${place.id}/~[^/]+/_plan/plan-[0-9a-f]{12}\\.png$`));
    expect((await app.request(image)).status).toBe(200);
    const kept = await app.request(`/api/host/places/${place.id}`, json(alice, { floorPlan: { width: 12, height: 9, rooms: [], image: '/tiles/another-place/_plan/plan-0123456789ab.png' } }, 'PATCH'));
    expect(((await kept.json()) as { tour: { floorPlan: { image: string; width: number } } }).tour.floorPlan).toMatchObject({ image, width: 12 });
    // A second upload replaces the first file: one plan file on disk.
    await app.request(`/api/host/places/${place.id}/floorplan-image`, { method: 'PUT', headers: { ...auth(alice), 'content-type': 'image/png' }, body: new Uint8Array(png) });
    expect(await readdir(path.join(deps.tilesDir, place.id, '_plan'))).toHaveLength(1);
  });
});

describe("a place's tiles", () => {
  it('are served to the public only while it is published, never cached for a year, and to its host through the console’s URLs', async () => {
    const place = await createPlace(alice);
    const scene = (await (await app.request(`/api/host/places/${place.id}/scenes`, upload(alice, photo, 'hall.jpg'))).json()) as { previewUrl: string; tileUrl: string };
    // The console's URLs carry a grant; the public ones are the same without it.
    const publicPreview = scene.previewUrl.replace(/\/~[^/]+/, '');
    const draft = await app.request(publicPreview);
    expect(draft.status).toBe(404);
    expect(draft.headers.get('cache-control')).toBe('no-store');
    expect(scene.previewUrl).toMatch(new RegExp(`^/tiles/${place.id}/~[^/]+/hall/`));
    const hostView = await app.request(scene.previewUrl);
    expect(hostView.status).toBe(200);
    expect(hostView.headers.get('cache-control')).toMatch(/^private/);
    // A grant is for one place and cannot be forged.
    const otherGrant = createTileGrants(deps.signer).grant((await createPlace(alice)).id);
    expect((await app.request(publicPreview.replace(`/tiles/${place.id}/`, `/tiles/${place.id}/~${otherGrant}/`))).status).toBe(404);
    expect((await app.request(scene.previewUrl.replace(/~([^/]+)/, (_m, g: string) => `~${g.slice(0, -2)}xx`))).status).toBe(404);

    expect((await app.request(`/api/host/places/${place.id}`, json(alice, { published: true }, 'PATCH'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5_100)); // the tile route re-reads a place's state every 5 s
    const listed = await app.request(publicPreview);
    expect(listed.status).toBe(200);
    const cache = listed.headers.get('cache-control')!;
    expect(cache).toMatch(/^public/);
    expect(Number(/max-age=(\d+)/.exec(cache)![1])).toBeLessThanOrEqual(86400);
    expect(Number(/s-maxage=(\d+)/.exec(cache)![1])).toBeLessThanOrEqual(600);

    expect((await app.request(`/api/host/places/${place.id}`, json(alice, { published: false }, 'PATCH'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5_100));
    const withdrawn = await app.request(publicPreview);
    expect(withdrawn.status).toBe(404);
    expect(withdrawn.headers.get('cache-control')).toBe('no-store');
    expect((await app.request(scene.previewUrl)).status).toBe(200);
  }, 60_000);
});
