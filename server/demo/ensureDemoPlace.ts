import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ingestScene } from '../ingest/ingestScene.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord, SceneRecord } from '../places/placeRecord.ts';
import { demoCacheDirFromEnv } from './demoOutputCache.ts';
import { demoTourSchema } from './demoTourSchema.ts';
import { ingestDemoScene } from './ingestDemoScene.ts';

/**
 * Makes sure the demo place from `sourceDir` (tour.json + one equirect JPEG per scene, and
 * dollhouse.glb when present) is tiled and stored. Re-tiles only when a source photo or the
 * tiler changed; re-copies the dollhouse only when its bytes changed. A fresh data folder copies
 * the tiles from the demo output cache (`cacheDir`, default demoCacheDirFromEnv(); null: none)
 * when another start already made them.
 */
export async function ensureDemoPlace(opts: {
  sourceDir: string;
  places: PlaceStore;
  tilesDir: string;
  hostId?: string;
  log?: (line: string) => void;
  cacheDir?: string | null;
  /** For tests: counts the tiling work. */
  ingestScene?: typeof ingestScene;
}): Promise<PlaceRecord> {
  const log = opts.log ?? (() => {});
  const cacheDir = opts.cacheDir === undefined ? demoCacheDirFromEnv() : opts.cacheDir;
  const tour = demoTourSchema.parse(JSON.parse(await readFile(path.join(opts.sourceDir, 'tour.json'), 'utf8')));
  const existing = await opts.places.get(tour.place.id);
  const scenes: SceneRecord[] = [];
  let index = 0;
  for (const s of tour.scenes) {
    index++;
    const bytes = await readFile(path.join(opts.sourceDir, `${s.id}.jpg`));
    const started = Date.now();
    let shown = -1;
    const { tiles, reused, cached } = await ingestDemoScene({
      bytes,
      name: `${s.id}.jpg`,
      placeId: tour.place.id,
      sceneId: s.id,
      tilesDir: opts.tilesDir,
      initialView: s.initialView,
      previous: existing?.scenes.find((p) => p.id === s.id)?.tiles,
      onProgress: (done, total) => {
        // A bar per quarter: enough to see progress in a terminal or a CI log without flooding it.
        const quarter = Math.floor((done / total) * 4);
        if (quarter === shown) return;
        shown = quarter;
        log(`  ${s.name.padEnd(22)} ${'█'.repeat(quarter * 5).padEnd(20, '░')} ${done}/${total} tiles`);
      },
      cacheDir,
      ingest: opts.ingestScene,
      log,
    });
    if (!reused) log(`Vantage: ${cached ? 'copied the cached tiles of' : 'tiled'} demo room ${index}/${tour.scenes.length} "${s.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    scenes.push({ ...s, tiles });
  }
  const record: PlaceRecord = {
    ...tour.place,
    hostId: existing?.hostId ?? opts.hostId,
    published: existing?.published ?? true,
    startScene: tour.startScene,
    scenes,
    floorPlan: tour.floorPlan,
    ...(existing?.dollhouse && { dollhouse: existing.dollhouse }),
  };
  const dollhouse = await ensureDemoDollhouse(opts.sourceDir, path.join(opts.tilesDir, tour.place.id), existing?.dollhouse, log);
  if (dollhouse) record.dollhouse = dollhouse;
  if (!record.hostId) delete record.hostId;
  if (JSON.stringify(existing) !== JSON.stringify(record)) await opts.places.put(record);
  return record;
}

/** Demo dollhouses are stored under their content hash; a host's upload is named `dollhouse-<random>.glb`. */
const DEMO_DOLLHOUSE = /^_dollhouse\/[0-9a-f]{16}\.glb$/;

/**
 * Copies `sourceDir/dollhouse.glb` to `<placeTilesDir>/_dollhouse/<content hash>.glb` and
 * returns that path (relative to the place's tiles), or undefined to keep what is there:
 * no demo model, or one a host uploaded over the demo's. The hash in the name changes with
 * the bytes, so the immutable cache policy on /tiles stays correct.
 */
async function ensureDemoDollhouse(sourceDir: string, placeTilesDir: string, current: string | undefined, log: (line: string) => void): Promise<string | undefined> {
  const source = path.join(sourceDir, 'dollhouse.glb');
  if (!existsSync(source)) return undefined;
  if (current && !DEMO_DOLLHOUSE.test(current)) return undefined;
  const bytes = await readFile(source);
  const rel = `_dollhouse/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.glb`;
  const target = path.join(placeTilesDir, ...rel.split('/'));
  if (rel === current && existsSync(target)) return rel;
  const dir = path.dirname(target);
  // Only demo models live here (checked above): the previous one can go.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const tmp = `${target}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, target);
  log(`Vantage: demo dollhouse ${rel} (${(bytes.length / 1024).toFixed(0)} KB)`);
  return rel;
}
