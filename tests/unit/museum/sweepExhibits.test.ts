import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepTiles } from '../../../server/ingest/sweepTiles.ts';
import { sampleExhibit, samplePlace } from '../db/samplePlace.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-sweep-ex-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const touch = async (rel: string) => {
  await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
  await writeFile(path.join(dir, rel), 'x');
};
const left = async () => ((await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)))).sort();

// The sample exhibit's model rev is m0de1r3v; its info point 'glaze' names two media files.
const museum = () => samplePlace('museum', { kind: 'museum', scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined, exhibits: [sampleExhibit('vase')] });

describe('sweepTiles and exhibits', () => {
  it('keeps the model rev and media a record names; removes replaced revs, unnamed media and deleted exhibits', async () => {
    await touch('museum/_exhibits/vase/m0de1r3v/model.glb'); // named
    await touch('museum/_exhibits/vase/m0de1r3v/model.usdz'); // named (the rev is kept whole)
    await touch('museum/_exhibits/vase/m0de1r3v/media/0123456789ab.webp'); // named by 'glaze'
    await touch('museum/_exhibits/vase/m0de1r3v/media/ba9876543210.mp3'); // named by 'glaze'
    await touch('museum/_exhibits/vase/m0de1r3v/media/ffffffffffff.webp'); // an image that was replaced
    await touch('museum/_exhibits/vase/0ldr3v00/model.glb'); // the model before a replacement
    await touch('museum/_exhibits/vase/.n3wr3v00.tmp-x1/model.glb'); // killed mid-ingest
    await touch('museum/_exhibits/ding/abcd1234/model.glb'); // a deleted exhibit
    await touch('museum/_exhibits/NOTES.txt'); // not ours: left alone
    const removed = await sweepTiles({ tilesDir: dir, places: [museum()], minAgeMs: 0 });
    expect(await left()).toEqual([
      'museum/_exhibits/NOTES.txt',
      'museum/_exhibits/vase/m0de1r3v/media/0123456789ab.webp',
      'museum/_exhibits/vase/m0de1r3v/media/ba9876543210.mp3',
      'museum/_exhibits/vase/m0de1r3v/model.glb',
      'museum/_exhibits/vase/m0de1r3v/model.usdz',
    ]);
    expect(removed.sort()).toEqual([
      'museum/_exhibits/ding',
      'museum/_exhibits/vase/.n3wr3v00.tmp-x1',
      'museum/_exhibits/vase/0ldr3v00',
      'museum/_exhibits/vase/m0de1r3v/media/ffffffffffff.webp',
    ]);
  });

  it('spares a young rev (another instance may be about to commit it) and removes an old one', async () => {
    await touch('museum/_exhibits/vase/m0de1r3v/model.glb');
    await touch('museum/_exhibits/vase/y0ung000/model.glb');
    await touch('museum/_exhibits/vase/0ld00000/model.glb');
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(dir, 'museum/_exhibits/vase/0ld00000'), hoursAgo, hoursAgo);
    await sweepTiles({ tilesDir: dir, places: [museum()], minAgeMs: 3600_000 });
    expect(await left()).toEqual(['museum/_exhibits/vase/m0de1r3v/model.glb', 'museum/_exhibits/vase/y0ung000/model.glb']);
  });

  it('removes every exhibit of a place whose record names none', async () => {
    await touch('museum/_exhibits/vase/m0de1r3v/model.glb');
    await sweepTiles({ tilesDir: dir, places: [{ ...museum(), exhibits: undefined }], minAgeMs: 0 });
    expect(await left()).toEqual([]);
  });
});
