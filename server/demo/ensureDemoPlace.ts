import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ingestScene } from '../ingest/ingestScene.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord, SceneRecord } from '../places/placeRecord.ts';
import { demoTourSchema } from './demoTourSchema.ts';

/**
 * Makes sure the demo place from `sourceDir` (tour.json + one equirect JPEG per scene) is
 * tiled and stored. Re-tiles only when a source photo or the tiler changed.
 */
export async function ensureDemoPlace(opts: {
  sourceDir: string;
  places: PlaceStore;
  tilesDir: string;
  hostId?: string;
  log?: (line: string) => void;
}): Promise<PlaceRecord> {
  const log = opts.log ?? (() => {});
  const tour = demoTourSchema.parse(JSON.parse(await readFile(path.join(opts.sourceDir, 'tour.json'), 'utf8')));
  const existing = await opts.places.get(tour.place.id);
  const scenes: SceneRecord[] = [];
  let index = 0;
  for (const s of tour.scenes) {
    index++;
    const bytes = await readFile(path.join(opts.sourceDir, `${s.id}.jpg`));
    const started = Date.now();
    let shown = -1;
    const { tiles, reused } = await ingestScene({
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
    });
    if (!reused) log(`Vantage: tiled demo room ${index}/${tour.scenes.length} "${s.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
  if (!record.hostId) delete record.hostId;
  if (JSON.stringify(existing) !== JSON.stringify(record)) await opts.places.put(record);
  return record;
}
