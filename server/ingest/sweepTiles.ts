import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { PlaceRecord } from '../places/placeRecord.ts';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REV = /^[a-z0-9]{4,32}$/;
const MEDIA = /^[0-9a-f]{12}\.[a-z0-9]{2,4}$/;
/** Work in progress of publishDir and tileEquirect: `.<name>.tmp-…` and `.<name>.old-…`. */
const TEMP = /^\.[a-z0-9_-]+\.(tmp|old)-/i;

/**
 * Removes from the tiles folder what no place record names: revisions a crash left behind
 * mid-replacement (written but never committed, or replaced but not yet removed), rooms
 * and whole places that were deleted, floor-plan and dollhouse files that were replaced,
 * exhibit model revisions and info-point media likewise, and half-written temp folders. Only names the ingest writes are touched.
 *
 * `minAgeMs` spares anything younger: another instance on the same database may be between
 * writing a revision and committing it. Zero is right only when nothing else can write
 * (the embedded database is one process's alone). Returns the paths removed, relative.
 */
export async function sweepTiles(opts: { tilesDir: string; places: PlaceRecord[]; minAgeMs: number; now?: number }): Promise<string[]> {
  const cutoff = (opts.now ?? Date.now()) - opts.minAgeMs;
  const removed: string[] = [];
  const byId = new Map(opts.places.map((p) => [p.id, p]));
  const list = (dir: string) => readdir(dir, { withFileTypes: true }).catch(() => []);
  const remove = async (...parts: string[]) => {
    const full = path.join(opts.tilesDir, ...parts);
    const info = await lstat(full).catch(() => null);
    if (!info || info.mtimeMs > cutoff) return;
    await rm(full, { recursive: true, force: true });
    removed.push(parts.join('/'));
  };

  /**
   * `_exhibits/<id>/<rev>/`: the rev each exhibit's record names stays, other revs (a model
   * replaced, or ingested and never committed) and exhibits no record names go; in the kept
   * rev, media files no info point names go (an image or audio that was replaced).
   */
  async function sweepExhibits(placeId: string, place: PlaceRecord) {
    for (const dir of await list(path.join(opts.tilesDir, placeId, '_exhibits'))) {
      const exhibit = place.exhibits?.find((e) => e.id === dir.name);
      if (!exhibit || !ID.test(dir.name) || !dir.isDirectory()) {
        if (ID.test(dir.name) || TEMP.test(dir.name)) await remove(placeId, '_exhibits', dir.name);
        continue;
      }
      for (const rev of await list(path.join(opts.tilesDir, placeId, '_exhibits', dir.name))) {
        if (rev.name !== exhibit.model.rev) {
          if (REV.test(rev.name) || TEMP.test(rev.name)) await remove(placeId, '_exhibits', dir.name, rev.name);
          continue;
        }
        const named = new Set(exhibit.infoPoints.flatMap((p) => [p.image, p.audio]).filter(Boolean).map((m) => path.basename(m!)));
        for (const file of await list(path.join(opts.tilesDir, placeId, '_exhibits', dir.name, rev.name, 'media'))) {
          if ((MEDIA.test(file.name) || TEMP.test(file.name)) && !named.has(file.name)) await remove(placeId, '_exhibits', dir.name, rev.name, 'media', file.name);
        }
      }
    }
  }

  for (const placeDir of await list(opts.tilesDir)) {
    const placeId = placeDir.name;
    if (TEMP.test(placeId)) await remove(placeId);
    if (!ID.test(placeId) || !placeDir.isDirectory()) continue;
    const place = byId.get(placeId);
    if (!place) {
      await remove(placeId);
      continue;
    }
    const kept = {
      _plan: place.floorPlan?.image ? path.basename(place.floorPlan.image) : undefined,
      _dollhouse: place.dollhouse ? path.basename(place.dollhouse) : undefined,
    };
    for (const entry of await list(path.join(opts.tilesDir, placeId))) {
      if (entry.name === '_exhibits') {
        await sweepExhibits(placeId, place);
        continue;
      }
      if (entry.name === '_plan' || entry.name === '_dollhouse') {
        for (const file of await list(path.join(opts.tilesDir, placeId, entry.name))) {
          if (file.name !== kept[entry.name]) await remove(placeId, entry.name, file.name);
        }
        continue;
      }
      if (TEMP.test(entry.name)) {
        await remove(placeId, entry.name);
        continue;
      }
      if (!ID.test(entry.name) || !entry.isDirectory()) continue;
      const scene = place.scenes.find((s) => s.id === entry.name);
      if (!scene) {
        await remove(placeId, entry.name);
        continue;
      }
      for (const rev of await list(path.join(opts.tilesDir, placeId, entry.name))) {
        if ((REV.test(rev.name) && rev.name !== scene.tiles.rev) || TEMP.test(rev.name)) await remove(placeId, entry.name, rev.name);
      }
    }
  }
  return removed;
}
