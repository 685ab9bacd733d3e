import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { ensureDemoPlace } from '../../../server/demo/ensureDemoPlace.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let source: string;

/** A minimal glTF 2.0 binary header + JSON chunk: enough for the checks that care about bytes. */
function glb(marker: string): Buffer {
  const json = Buffer.from(JSON.stringify({ asset: { version: '2.0', generator: marker } }).padEnd(64, ' '));
  const head = Buffer.alloc(20);
  head.write('glTF', 0, 'latin1');
  head.writeUInt32LE(2, 4);
  head.writeUInt32LE(20 + json.length, 8);
  head.writeUInt32LE(json.length, 12);
  head.write('JSON', 16, 'latin1');
  return Buffer.concat([head, json]);
}

beforeAll(async () => {
  deps = await createTestDeps();
  source = await mkdtemp(path.join(os.tmpdir(), 'vantage-demo-src-'));
  const view = { yaw: 0, pitch: 0, fov: 90 };
  const tour = {
    place: { id: 'demo-test', kind: 'home', title: 'Test flat', city: 'Hangzhou', address: '1 Test Road', price: null, currency: 'CNY', lat: 30, lng: 120, areaM2: 40, description: 'A test flat.' },
    startScene: 'room',
    scenes: [{ id: 'room', name: 'Room', floor: { x: 1, y: 1 }, initialView: view, hotspots: [] }],
    floorPlan: { width: 2, height: 2, rooms: [{ sceneId: 'room', polygon: [[0, 0], [2, 0], [2, 2], [0, 2]] }] },
  };
  await writeFile(path.join(source, 'tour.json'), JSON.stringify(tour));
  await sharp({ create: { width: 512, height: 256, channels: 3, background: '#8899aa' } }).jpeg().toFile(path.join(source, 'room.jpg'));
  // An embedded database and a first tiling: seconds on a busy machine.
}, 60_000);
afterAll(async () => {
  await deps.cleanup();
  await rm(source, { recursive: true, force: true });
});

const seed = () => ensureDemoPlace({ sourceDir: source, places: deps.places, tilesDir: deps.tilesDir });
const dollhouseDir = () => path.join(deps.tilesDir, 'demo-test', '_dollhouse');

describe('demo dollhouse', { timeout: 30_000 }, () => {
  it('without a dollhouse.glb the place has none', async () => {
    const p = await seed();
    expect(p.dollhouse).toBeUndefined();
  });

  it('copies dollhouse.glb under its content hash and serves it as tour.dollhouseUrl', async () => {
    const bytes = glb('first');
    await writeFile(path.join(source, 'dollhouse.glb'), bytes);
    const p = await seed();
    expect(p.dollhouse).toMatch(/^_dollhouse\/[0-9a-f]{16}\.glb$/);
    expect(await readFile(path.join(deps.tilesDir, 'demo-test', p.dollhouse!))).toEqual(bytes);
    expect((await deps.places.get('demo-test'))?.dollhouse).toBe(p.dollhouse);
    const app = createApp({ db: deps.db, bookings: deps.bookings, slots: deps.slots, places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '' });
    const place = (await (await app.request('/api/places/demo-test')).json()) as { tour: { dollhouseUrl?: string } };
    expect(place.tour.dollhouseUrl).toBe(`/tiles/demo-test/${p.dollhouse}`);
    const file = await app.request(place.tour.dollhouseUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('model/gltf-binary');
  });

  it('re-copies only when the bytes change, and removes the old copy', async () => {
    const first = (await deps.places.get('demo-test'))!.dollhouse!;
    const target = path.join(deps.tilesDir, 'demo-test', first);
    const before = (await stat(target)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect((await seed()).dollhouse).toBe(first);
    expect((await stat(target)).mtimeMs).toBe(before);

    await writeFile(path.join(source, 'dollhouse.glb'), glb('second'));
    const second = (await seed()).dollhouse!;
    expect(second).not.toBe(first);
    expect(await readdir(dollhouseDir())).toEqual([path.basename(second)]);
  });

  it('copies it back if the file went missing', async () => {
    const rel = (await deps.places.get('demo-test'))!.dollhouse!;
    await rm(dollhouseDir(), { recursive: true, force: true });
    expect((await seed()).dollhouse).toBe(rel);
    expect((await readdir(dollhouseDir())).length).toBe(1);
  });

  it('keeps a model a host uploaded over the demo one', async () => {
    const p = (await deps.places.get('demo-test'))!;
    await deps.places.put({ ...p, dollhouse: '_dollhouse/dollhouse-0123456789ab.glb' });
    expect((await seed()).dollhouse).toBe('_dollhouse/dollhouse-0123456789ab.glb');
  });
});
