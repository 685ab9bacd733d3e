import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepTiles } from '../../../server/ingest/sweepTiles.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-sweep-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const touch = async (rel: string) => {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), 'x');
};
/** Every file left under the tiles folder, relative and sorted. */
const left = async () => ((await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)))).sort();

const place = (over: Partial<PlaceRecord> = {}): PlaceRecord => ({
  id: 'flat',
  kind: 'home',
  title: 'Flat',
  city: '',
  address: '',
  price: null,
  currency: 'CNY',
  description: '',
  lat: 0,
  lng: 0,
  areaM2: null,
  published: true,
  startScene: 'hall',
  scenes: [{ id: 'hall', name: 'Hall', north: 0, floor: { x: 0, y: 0 }, initialView: { yaw: 0, pitch: 0, fov: 90 }, hotspots: [], tiles: { rev: 'aaaa1111', levels: [{ size: 512, tileSize: 512 }], previewFaceSize: 128, format: 'jpg' } }],
  floorPlan: { width: 10, height: 8, rooms: [], image: '_plan/plan-0123456789ab.png' },
  dollhouse: '_dollhouse/dollhouse-0123456789ab.glb',
  ...over,
});

describe('sweepTiles', () => {
  it('keeps what the records name and removes what a crash or a deletion left', async () => {
    await touch('flat/hall/aaaa1111/preview.jpg'); // named
    await touch('flat/hall/bbbb2222/preview.jpg'); // written, never committed
    await touch('flat/hall/.cccc3333.tmp-x1y2z3/0/f/0_0.jpg'); // killed mid-tiling
    await touch('flat/hall/.aaaa1111.old-12ab34cd/preview.jpg'); // killed mid-swap
    await touch('flat/attic/dddd4444/preview.jpg'); // a deleted room
    await touch('flat/_plan/plan-0123456789ab.png'); // named
    await touch('flat/_plan/plan-ffffffffffff.png'); // replaced
    await touch('flat/_dollhouse/dollhouse-0123456789ab.glb'); // named
    await touch('flat/_dollhouse/dollhouse-eeeeeeeeeeee.glb'); // replaced
    await touch('gone/hall/aaaa1111/preview.jpg'); // a deleted place
    await touch('README.txt'); // not ours: left alone
    const removed = await sweepTiles({ tilesDir: dir, places: [place()], minAgeMs: 0 });
    expect(await left()).toEqual([
      'README.txt',
      'flat/_dollhouse/dollhouse-0123456789ab.glb',
      'flat/_plan/plan-0123456789ab.png',
      'flat/hall/aaaa1111/preview.jpg',
    ]);
    expect(removed.sort()).toEqual([
      'flat/_dollhouse/dollhouse-eeeeeeeeeeee.glb',
      'flat/_plan/plan-ffffffffffff.png',
      'flat/attic',
      'flat/hall/.aaaa1111.old-12ab34cd',
      'flat/hall/.cccc3333.tmp-x1y2z3',
      'flat/hall/bbbb2222',
      'gone',
    ]);
  });

  it('spares what is younger than minAgeMs (another instance may be about to commit it)', async () => {
    await touch('flat/hall/aaaa1111/preview.jpg');
    await touch('flat/hall/bbbb2222/preview.jpg');
    await touch('flat/hall/cccc3333/preview.jpg');
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(dir, 'flat/hall/cccc3333'), hourAgo, hourAgo);
    await sweepTiles({ tilesDir: dir, places: [place()], minAgeMs: 3600_000 });
    expect(await left()).toEqual(['flat/hall/aaaa1111/preview.jpg', 'flat/hall/bbbb2222/preview.jpg']);
  });

  it('removes every plan and dollhouse file of a place that names none', async () => {
    await touch('flat/hall/aaaa1111/preview.jpg');
    await touch('flat/_plan/plan-0123456789ab.png');
    await touch('flat/_dollhouse/dollhouse-0123456789ab.glb');
    await sweepTiles({ tilesDir: dir, places: [place({ floorPlan: undefined, dollhouse: undefined })], minAgeMs: 0 });
    expect(await left()).toEqual(['flat/hall/aaaa1111/preview.jpg']);
  });
});
