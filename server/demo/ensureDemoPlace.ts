import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { tileEquirect } from '../ingest/tileEquirect.ts';
import { writeCover } from '../ingest/writeCover.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord, SceneRecord } from '../places/placeRecord.ts';
import { demoTourSchema } from './demoTourSchema.ts';

/** Bump when the tiler's output changes, so existing data dirs re-tile on next start. */
const TILER_VERSION = '1';

/**
 * Makes sure the demo place from `sourceDir` (tour.json + one equirect JPEG per scene) is
 * tiled and stored. Re-tiles only when a source photo or the tiler changed.
 */
export async function ensureDemoPlace(opts: {
  sourceDir: string;
  places: PlaceStore;
  tilesDir: string;
  log?: (line: string) => void;
}): Promise<PlaceRecord> {
  const log = opts.log ?? (() => {});
  const tour = demoTourSchema.parse(JSON.parse(await readFile(path.join(opts.sourceDir, 'tour.json'), 'utf8')));
  const existing = await opts.places.get(tour.place.id);
  const scenes: SceneRecord[] = [];
  let index = 0;
  for (const s of tour.scenes) {
    index++;
    const photo = path.join(opts.sourceDir, `${s.id}.jpg`);
    const bytes = await readFile(photo);
    const rev = createHash('sha256').update(TILER_VERSION).update(bytes).digest('hex').slice(0, 12);
    const previous = existing?.scenes.find((p) => p.id === s.id);
    const sceneDir = path.join(opts.tilesDir, tour.place.id, s.id);
    let tiles = previous?.tiles;
    if (!tiles || tiles.rev !== rev) {
      const started = Date.now();
      let shown = -1;
      const result = await tileEquirect(bytes, path.join(sceneDir, rev), {
        onProgress: (done, total) => {
          // A bar per quarter: enough to see progress in a terminal or a CI log without flooding it.
          const quarter = Math.floor((done / total) * 4);
          if (quarter === shown) return;
          shown = quarter;
          log(`  ${s.name.padEnd(16)} ${'█'.repeat(quarter * 5).padEnd(20, '░')} ${done}/${total} tiles`);
        },
      });
      await writeCover(bytes, path.join(sceneDir, rev, 'cover.jpg'), s.initialView);
      if (previous && previous.tiles.rev !== rev) await rm(path.join(sceneDir, previous.tiles.rev), { recursive: true, force: true });
      tiles = { rev, levels: result.levels, previewFaceSize: result.previewFaceSize, format: result.tileFormat };
      log(`Vantage: tiled demo room ${index}/${tour.scenes.length} "${s.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    scenes.push({ ...s, tiles });
  }
  const record: PlaceRecord = {
    ...tour.place,
    published: existing?.published ?? true,
    startScene: tour.startScene,
    scenes,
    floorPlan: tour.floorPlan,
  };
  if (JSON.stringify(existing) !== JSON.stringify(record)) await opts.places.put(record);
  return record;
}
