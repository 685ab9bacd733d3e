import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord, SceneRecord } from '../places/placeRecord.ts';
import { crashPoint } from './crashPoint.ts';
import { IngestError } from './IngestError.ts';
import { ingestScene } from './ingestScene.ts';
import { sniffImageFormat } from './sniffImageFormat.ts';
import type { TileEncoding } from './tileEncodingFromEnv.ts';

export interface StoredScene {
  place: PlaceRecord;
  scene: SceneRecord;
  /** False when the upload replaced a room of the same id. */
  created: boolean;
  /** True when the photo was already tiled for this room (nothing was re-tiled). */
  reused: boolean;
}

const DEFAULT_VIEW = { yaw: 0, pitch: 0, fov: 90 };

/**
 * Adds or replaces one room of a place, crash-safe at every step: the new revision is
 * written beside the old one, the place record is repointed at it (committed), and only
 * then is the revision it replaced removed. Killed anywhere in between, the record still
 * names a complete revision (old or new); what the crash left behind is removed by
 * sweepTiles at the next start.
 */
export async function storeScene(opts: {
  places: PlaceStore;
  tilesDir: string;
  placeId: string;
  sceneId: string;
  /** The room's name, already checked against the text rule. */
  name: string;
  bytes: Buffer;
  /** Names the photo in error messages (its file name). */
  label: string;
  /** Replace a room with this id; without, an existing one refuses the upload. */
  replace: boolean;
  /** Runs the tiling (the ingest queue); defaults to running it at once. */
  queue?: <T>(work: () => Promise<T>) => Promise<T>;
  onProgress?: (done: number, total: number) => void;
  encoding?: TileEncoding;
}): Promise<StoredScene> {
  const { places, placeId, sceneId } = opts;
  const taken = (s: SceneRecord) =>
    new IngestError('name_taken', `This place already has a room named "${s.name}"; rename the photo or replace that room.`);
  const current = await places.get(placeId);
  if (!current) throw new IngestError('place_not_found', `The place "${placeId}" no longer exists.`);
  const existing = current.scenes.find((s) => s.id === sceneId);
  if (existing && !opts.replace) throw taken(existing);
  // Before the queue: a file that is no photo is refused at once, not after someone else's tiling.
  sniffImageFormat(opts.bytes, `"${opts.label}"`);

  const run = opts.queue ?? ((work) => work());
  let half = false;
  const { tiles, reused } = await run(() =>
    ingestScene({
      bytes: opts.bytes,
      name: opts.label,
      placeId,
      sceneId,
      tilesDir: opts.tilesDir,
      initialView: existing?.initialView ?? DEFAULT_VIEW,
      previous: existing?.tiles,
      encoding: opts.encoding,
      onProgress: (done, total) => {
        if (!half && done * 2 >= total) {
          half = true;
          crashPoint('tiling');
        }
        opts.onProgress?.(done, total);
      },
    }),
  );
  crashPoint('tiled');

  let refusal: IngestError | undefined;
  let replaced: string | undefined;
  let created = false;
  // Merged into the place as it is now: another save may have landed while this one tiled.
  const saved = await places.update(placeId, (fresh) => {
    const before = fresh.scenes.find((s) => s.id === sceneId);
    if (before && !opts.replace) {
      refusal = taken(before);
      return null;
    }
    if (before?.tiles.rev === tiles.rev) return null;
    replaced = before?.tiles.rev;
    created = !before;
    const scene: SceneRecord = before
      ? { ...before, tiles }
      : { id: sceneId, name: opts.name, north: 0, floor: { x: 0, y: 0 }, initialView: DEFAULT_VIEW, hotspots: [], tiles };
    const scenes = before ? fresh.scenes.map((s) => (s.id === sceneId ? scene : s)) : [...fresh.scenes, scene];
    return { ...fresh, scenes, startScene: fresh.startScene || sceneId };
  });
  const revDir = (rev: string) => path.join(opts.tilesDir, placeId, sceneId, rev);
  if (!saved || refusal) {
    // Ours is removed unless the place names the very same revision (the same photo uploaded twice).
    if (!saved?.after.scenes.some((s) => s.id === sceneId && s.tiles.rev === tiles.rev)) await rm(revDir(tiles.rev), { recursive: true, force: true });
    throw refusal ?? new IngestError('place_not_found', `The place "${placeId}" was deleted while "${opts.label}" was being tiled.`);
  }
  crashPoint('committed');
  if (replaced) await rm(revDir(replaced), { recursive: true, force: true });
  crashPoint('removed');
  const scene = saved.after.scenes.find((s) => s.id === sceneId)!;
  return { place: saved.after, scene, created, reused };
}
