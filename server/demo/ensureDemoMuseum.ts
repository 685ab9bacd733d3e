import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ingestModel } from '../ingest/model/ingestModel.ts';
import type { ingestScene } from '../ingest/ingestScene.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { exhibitRecordSchema, type ExhibitRecord, type PlaceRecord, type SceneRecord } from '../places/placeRecord.ts';
import { demoMuseumSchema } from './demoMuseumSchema.ts';
import { cachedDemoOutput, demoCacheDirFromEnv, demoCacheKey } from './demoOutputCache.ts';
import { ingestDemoScene } from './ingestDemoScene.ts';

/**
 * Bump when ingestModel's output changes, so the demo exhibits are ingested again on the next
 * start (their revision folder is named after this and the source bytes).
 */
export const DEMO_MODEL_VERSION = '1';

/** The revision a demo model ingests to: the same bytes always give the same folder. */
export function demoModelRevision(bytes: Uint8Array): string {
  return createHash('sha256').update(`demo-model-${DEMO_MODEL_VERSION}\n`).update(bytes).digest('hex').slice(0, 12);
}

/**
 * Makes sure the demo museum from `sourceDir` (museum.json, halls/<hall>.jpg, models/*.glb) is
 * stored and published: the halls tiled by the scene ingest, each exhibit optimised by the model
 * ingest into `<tilesDir>/<place>/_exhibits/<exhibit>/<rev>/`. Work is redone only for a hall
 * photo or a model whose bytes changed, so a later start costs a few file reads and hashes; a
 * fresh data folder copies the halls' tiles and the exhibits' files from the demo output cache
 * (`cacheDir`, default demoCacheDirFromEnv(); null: none) when another start already made them.
 * Exhibits a host added to the demo museum are kept. `ingestModel` / `ingestScene` are for tests.
 */
export async function ensureDemoMuseum(opts: {
  sourceDir: string;
  places: PlaceStore;
  tilesDir: string;
  hostId?: string;
  log?: (line: string) => void;
  cacheDir?: string | null;
  ingestModel?: typeof ingestModel;
  ingestScene?: typeof ingestScene;
}): Promise<PlaceRecord> {
  const log = opts.log ?? (() => {});
  const cacheDir = opts.cacheDir === undefined ? demoCacheDirFromEnv() : opts.cacheDir;
  const ingest = opts.ingestModel ?? ingestModel;
  const museum = demoMuseumSchema.parse(JSON.parse(await readFile(path.join(opts.sourceDir, 'museum.json'), 'utf8')));
  const placeId = museum.place.id;
  const existing = await opts.places.get(placeId);

  const scenes: SceneRecord[] = [];
  for (const [i, s] of museum.scenes.entries()) {
    const started = Date.now();
    const { tiles, reused, cached } = await ingestDemoScene({
      bytes: await readSource(opts.sourceDir, `halls/${s.id}.jpg`),
      name: `${s.id}.jpg`,
      placeId,
      sceneId: s.id,
      tilesDir: opts.tilesDir,
      initialView: s.initialView,
      previous: existing?.scenes.find((p) => p.id === s.id)?.tiles,
      cacheDir,
      ingest: opts.ingestScene,
      log,
    });
    if (!reused) log(`Vantage: ${cached ? 'copied the cached tiles of' : 'tiled'} demo hall ${i + 1}/${museum.scenes.length} "${s.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    scenes.push({ ...s, tiles });
  }

  const exhibits: ExhibitRecord[] = [];
  for (const e of museum.exhibits) {
    const { model: source, ...fields } = e;
    const bytes = new Uint8Array(await readSource(opts.sourceDir, source));
    const rev = demoModelRevision(bytes);
    const outDir = path.join(opts.tilesDir, placeId, '_exhibits', e.id, rev);
    const previous = existing?.exhibits?.find((x) => x.id === e.id)?.model;
    let model = previous?.rev === rev && existsSync(path.join(outDir, previous.glb)) ? previous : undefined;
    if (!model) {
      const started = Date.now();
      const fileName = path.basename(source);
      const { value, hit } = await cachedDemoOutput({
        cacheDir,
        key: await demoCacheKey('model', { version: DEMO_MODEL_VERSION, fileName }, bytes),
        outDir,
        produce: async () => {
          // What a crash mid-ingest left under this revision is not trusted.
          await rm(outDir, { recursive: true, force: true });
          return ingest(bytes, fileName, outDir);
        },
        log,
      });
      const { triangles, ...written } = value;
      model = { rev, ...written };
      log(`Vantage: ${hit ? 'copied the cached' : 'prepared'} demo exhibit "${e.title}" (${triangles.toLocaleString('en')} triangles, ${(written.bytes / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    exhibits.push(exhibitRecordSchema.parse({ ...fields, model }));
  }
  const demoIds = new Set(exhibits.map((x) => x.id));
  for (const x of existing?.exhibits ?? []) if (!demoIds.has(x.id)) exhibits.push(x);

  const record: PlaceRecord = {
    ...museum.place,
    hostId: existing?.hostId ?? opts.hostId,
    published: existing?.published ?? true,
    ...(existing?.coverScene && { coverScene: existing.coverScene }),
    startScene: museum.startScene,
    scenes,
    floorPlan: museum.floorPlan,
    exhibits,
  };
  if (!record.hostId) delete record.hostId;
  // Compared as values: the database hands fields back in its own order, and a start that changes nothing writes nothing.
  if (!isDeepStrictEqual(existing, record)) await opts.places.put(record);
  // Only now that the record names the new revisions may the replaced ones go (the storeScene order).
  for (const x of exhibits) {
    if (!demoIds.has(x.id)) continue;
    const dir = path.join(opts.tilesDir, placeId, '_exhibits', x.id);
    for (const name of await readdir(dir).catch(() => [])) if (name !== x.model.rev) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  return record;
}

/** A committed source file of the demo museum; a missing one is named with the command that makes it. */
async function readSource(sourceDir: string, rel: string): Promise<Buffer> {
  try {
    return await readFile(path.join(sourceDir, ...rel.split('/')));
  } catch (cause) {
    throw new Error(`Vantage: demo museum file ${rel} is missing from ${sourceDir} — restore it from git or run npm run demo:museum`, { cause });
  }
}
