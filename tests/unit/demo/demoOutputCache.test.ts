import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoMuseum } from '../../../server/demo/ensureDemoMuseum.ts';
import { ingestModel } from '../../../server/ingest/model/ingestModel.ts';
import { createModelIO } from '../../../server/ingest/model/createModelIO.ts';
import { ingestScene } from '../../../server/ingest/ingestScene.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

// A fresh data folder prepares the demo museum from the demo output cache when another start
// already did the work: same record, same files, no ingest run. The cache only saves time.
const assets = path.resolve(import.meta.dirname, '../../../assets/demo/museum');
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let root: string;
let source: string;
let cacheDir: string;
let first: Prepared;

interface Prepared {
  record: PlaceRecord;
  tilesDir: string;
  models: number;
  scenes: number;
  lines: string[];
}

/** One start on a fresh data folder (no stored place, empty tiles), counting the ingests it runs. */
async function prepare(cache: string | null = cacheDir, src = source): Promise<Prepared> {
  await deps.places.delete('demo-museum');
  const tilesDir = await mkdtemp(path.join(root, 'tiles-'));
  const out: Prepared = { record: undefined as unknown as PlaceRecord, tilesDir, models: 0, scenes: 0, lines: [] };
  out.record = await ensureDemoMuseum({
    sourceDir: src,
    places: deps.places,
    tilesDir,
    cacheDir: cache,
    log: (l) => out.lines.push(l),
    ingestModel: (...a) => (out.models++, ingestModel(...a)),
    ingestScene: (...a) => (out.scenes++, ingestScene(...a)),
  });
  return out;
}

const modelFile = (p: Prepared, id: string, file = 'model.glb') => {
  const e = p.record.exhibits!.find((x) => x.id === id)!;
  return readFile(path.join(p.tilesDir, 'demo-museum', '_exhibits', id, e.model.rev, file));
};

/** The cache entry folder holding this exhibit's files (found by content: the keys are opaque). */
async function entryOf(p: Prepared, id: string): Promise<string> {
  const glb = await modelFile(p, id);
  for (const name of await readdir(cacheDir)) {
    const bytes = await readFile(path.join(cacheDir, name, 'model.glb')).catch(() => null);
    if (bytes?.equals(glb)) return path.join(cacheDir, name);
  }
  throw new Error(`no cache entry for ${id}`);
}

beforeAll(async () => {
  deps = await createTestDeps();
  root = await mkdtemp(path.join(os.tmpdir(), 'vantage-demo-cache-'));
  cacheDir = path.join(root, 'cache');
  source = path.join(root, 'source');
  await mkdir(path.join(source, 'halls'), { recursive: true });
  await cp(path.join(assets, 'museum.json'), path.join(source, 'museum.json'));
  await cp(path.join(assets, 'models'), path.join(source, 'models'), { recursive: true });
  // Small hall photos: tiling takes a moment, not minutes.
  for (const hall of await readdir(path.join(assets, 'halls')))
    await sharp(path.join(assets, 'halls', hall)).resize(512, 256).jpeg().toFile(path.join(source, 'halls', hall));
  first = await prepare();
}, 240_000);
afterAll(async () => {
  await deps?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('demo output cache', { timeout: 120_000 }, () => {
  it('the first start ingests every exhibit and hall and fills the cache', () => {
    expect(first.models).toBe(3);
    expect(first.scenes).toBe(3);
    expect(first.lines.filter((l) => l.includes('prepared demo exhibit'))).toHaveLength(3);
  });

  it('a second fresh start publishes the same museum from the cache without running an ingest', async () => {
    const again = await prepare();
    expect(again.models).toBe(0);
    expect(again.scenes).toBe(0);
    expect(again.record).toEqual(first.record);
    expect(await deps.places.get('demo-museum')).toEqual(first.record);
    for (const e of first.record.exhibits!) {
      for (const f of [e.model.glb, e.model.usdz, e.model.poster]) expect((await modelFile(again, e.id, f)).equals(await modelFile(first, e.id, f)), `${e.id}/${f}`).toBe(true);
    }
    for (const s of first.record.scenes) {
      const dir = (p: Prepared) => path.join(p.tilesDir, 'demo-museum', s.id, s.tiles.rev);
      const files = (await readdir(dir(first), { recursive: true })).sort();
      expect((await readdir(dir(again), { recursive: true })).sort(), s.id).toEqual(files);
      expect((await readFile(path.join(dir(again), 'cover.jpg'))).equals(await readFile(path.join(dir(first), 'cover.jpg'))), s.id).toBe(true);
    }
    expect(again.lines.filter((l) => l.includes('copied the cached demo exhibit'))).toHaveLength(3);
  });

  it('a tampered entry is not used: that exhibit is ingested again, correctly, and the entry repaired', async () => {
    const entry = await entryOf(first, 'sand-table');
    const poster = path.join(entry, 'poster.webp');
    const bytes = await readFile(poster);
    bytes[bytes.length >> 1] ^= 0xff;
    await writeFile(poster, bytes);
    const again = await prepare();
    expect(again.models).toBe(1);
    expect(again.scenes).toBe(0);
    expect(again.record).toEqual(first.record);
    expect((await modelFile(again, 'sand-table', 'poster.webp')).equals(await modelFile(first, 'sand-table', 'poster.webp'))).toBe(true);
    expect((await prepare()).models).toBe(0);
  });

  it('a partial entry (its manifest or a file missing) is not used', async () => {
    await rm(path.join(await entryOf(first, 'meiping-vase'), '.vantage-cache.json'));
    await rm(path.join(await entryOf(first, 'bronze-ding'), 'model.usdz'));
    const again = await prepare();
    expect(again.models).toBe(2);
    expect(again.record).toEqual(first.record);
  });

  it('a changed source model misses the cache', async () => {
    const changed = path.join(root, 'source-changed');
    await cp(source, changed, { recursive: true });
    const io = await createModelIO();
    const file = path.join(changed, 'models', 'bronze-ding.glb');
    const doc = await io.readBinary(new Uint8Array(await readFile(file)));
    const node = doc.getRoot().listNodes()[0];
    const [x, y, z] = node.getTranslation();
    node.setTranslation([x, y + 0.001, z]);
    await writeFile(file, await io.writeBinary(doc));
    const again = await prepare(cacheDir, changed);
    expect(again.models).toBe(1);
    expect(again.scenes).toBe(0);
    const rev = (p: Prepared) => p.record.exhibits!.find((e) => e.id === 'bronze-ding')!.model.rev;
    expect(rev(again)).not.toBe(rev(first));
  });

  it('a cache folder that cannot be written costs only time: everything is ingested and one line says why', async () => {
    const blocker = path.join(root, 'a-file');
    await writeFile(blocker, 'not a folder');
    const again = await prepare(path.join(blocker, 'cache'));
    expect(again.models).toBe(3);
    expect(again.scenes).toBe(3);
    expect(again.record).toEqual(first.record);
    expect(again.lines.filter((l) => l.includes('not writable'))).toHaveLength(1);
  });

  it('with the cache off (null) nothing is read or written', async () => {
    const before = (await readdir(cacheDir)).sort();
    const again = await prepare(null);
    expect(again.models).toBe(3);
    expect((await readdir(cacheDir)).sort()).toEqual(before);
  });
});
