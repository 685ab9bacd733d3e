import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeSchema, placeSummarySchema } from '@protocol';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';

let dir: string;
let app: ReturnType<typeof createApp>;
let deps: Awaited<ReturnType<typeof createTestDeps>>;

const place = (id: string, published: boolean): PlaceRecord => ({
  id,
  kind: 'home',
  title: `Flat ${id}`,
  city: 'Hangzhou',
  address: '1 Test Road',
  price: 1000000,
  currency: 'CNY',
  description: 'A test flat.',
  lat: 30.2,
  lng: 120.1,
  areaM2: 80,
  published,
  startScene: 'living',
  scenes: [
    {
      id: 'living',
      name: 'Living room',
      north: 0,
      floor: { x: 1, y: 1 },
      initialView: { yaw: 0, pitch: 0, fov: 90 },
      hotspots: [],
      tiles: { rev: 'abc123', levels: [{ size: 512, tileSize: 512 }], previewFaceSize: 128, format: 'jpg' },
    },
  ],
});

beforeAll(async () => {
  deps = await createTestDeps();
  dir = deps.dir;
  const store = deps.places;
  await store.put(place('open-flat', true));
  await store.put(place('draft-flat', false));
  await mkdir(path.join(dir, 'tiles', 'open-flat', 'living', 'abc123', '0', 'f'), { recursive: true });
  await writeFile(path.join(dir, 'tiles', 'open-flat', 'living', 'abc123', '0', 'f', '0_0.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  await writeFile(path.join(dir, 'secret.txt'), 'do not serve');
  await mkdir(path.join(dir, 'client'), { recursive: true });
  await writeFile(path.join(dir, 'client', 'index.html'), '<!doctype html><title>Vantage</title>');
  app = createApp({ places: store, db: deps.db, bookings: deps.bookings, slots: deps.slots, hosts: deps.hosts, signer: deps.signer, tilesDir: path.join(dir, 'tiles'), clientDir: path.join(dir, 'client'), assetBaseUrl: '' });
});
afterAll(() => deps.cleanup());

describe('API', () => {
  it('reports health with the protocol version', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, protocol: 1 });
  });

  it('lists only published places, in the public shape', async () => {
    const res = await app.request('/api/places');
    const body = await res.json();
    expect(body.map((p: { id: string }) => p.id)).toEqual(['open-flat']);
    expect(() => placeSummarySchema.parse(body[0])).not.toThrow();
    expect(body[0].coverUrl).toBe('/tiles/open-flat/living/abc123/cover.jpg');
  });

  it('returns a place with its tour and tile manifest', async () => {
    const res = await app.request('/api/places/open-flat');
    expect(res.status).toBe(200);
    const p = placeSchema.parse(await res.json());
    expect(p.tour.scenes[0].tileUrl).toBe('/tiles/open-flat/living/abc123/{l}/{f}/{y}_{x}.jpg');
    expect(p.tour.scenes[0].previewUrl).toBe('/tiles/open-flat/living/abc123/preview.jpg');
  });

  it('answers unknown and unpublished places with a JSON 404', async () => {
    for (const id of ['nope', 'draft-flat', '..%2F..%2Fetc']) {
      const res = await app.request(`/api/places/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: 'place_not_found' });
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await app.request('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('tiles and pages', () => {
  it('serves tiles with their content type and a long immutable cache', async () => {
    const res = await app.request('/tiles/open-flat/living/abc123/0/f/0_0.jpg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('never serves files outside the tiles folder', async () => {
    for (const p of ['/tiles/../secret.txt', '/tiles/%2e%2e/secret.txt', '/tiles/..%2fsecret.txt', '/tiles/%2e%2e%2f%2e%2e%2fsecret.txt', '/tiles/open-flat/..%5c..%5csecret.txt', '/tiles/%00']) {
      const res = await app.request(p);
      // 400 when the path itself is broken (NUL, a bad escape), 404 otherwise.
      expect([400, 404], p).toContain(res.status);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('serves the app for pages, with a 404 status for an unknown place', async () => {
    expect((await app.request('/')).status).toBe(200);
    expect((await app.request('/places/open-flat/tour?scene=living')).status).toBe(200);
    const missing = await app.request('/places/nope');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<title>Vantage</title>');
    expect((await app.request('/places/draft-flat')).status).toBe(404);
  });
});
