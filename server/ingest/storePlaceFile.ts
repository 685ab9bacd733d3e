import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';
import { IngestError } from './IngestError.ts';
import { sniffImageFormat } from './sniffImageFormat.ts';

/** The folders of a place's own uploaded files, beside its rooms' tiles; see placeFilePath. */
export type PlaceFileKind = '_plan' | '_dollhouse';

/**
 * Stores a place's floor-plan image (JPEG/PNG/WebP) or dollhouse (binary glTF 2.0) the
 * crash-safe way: the file is written under a new random name, the record is pointed at
 * it (committed), and only then is the file it replaced removed. The record keeps the
 * path relative to the place's folder (`_plan/plan-<hex>.jpg`), the only form a floor
 * plan's image may take.
 */
export async function storePlaceFile(opts: { places: PlaceStore; tilesDir: string; placeId: string; kind: PlaceFileKind; bytes: Buffer }): Promise<PlaceRecord> {
  const { bytes, kind } = opts;
  let name: string;
  if (kind === '_plan') {
    const format = sniffImageFormat(bytes, 'the floor plan');
    name = `plan-${randomBytes(6).toString('hex')}.${format === 'jpeg' ? 'jpg' : format}`;
  } else {
    if (bytes.length < 20 || bytes.toString('latin1', 0, 4) !== 'glTF' || bytes.readUInt32LE(4) !== 2)
      throw new IngestError('not-gltf', 'The dollhouse must be a binary glTF 2.0 file (.glb).');
    name = `dollhouse-${randomBytes(6).toString('hex')}.glb`;
  }
  const dir = path.join(opts.tilesDir, opts.placeId, kind);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), bytes);
  const rel = `${kind}/${name}`;
  let replaced: string | undefined;
  const saved = await opts.places.update(opts.placeId, (p) => {
    if (kind === '_plan') {
      replaced = p.floorPlan?.image;
      return { ...p, floorPlan: { width: p.floorPlan?.width ?? 10, height: p.floorPlan?.height ?? 8, rooms: p.floorPlan?.rooms ?? [], image: rel } };
    }
    replaced = p.dollhouse;
    return { ...p, dollhouse: rel };
  });
  if (!saved) {
    await rm(path.join(dir, name), { force: true });
    throw new IngestError('place_not_found', `The place "${opts.placeId}" no longer exists.`);
  }
  // Only a file of ours in this folder: the record's value is a relative path we wrote.
  if (replaced?.startsWith(`${kind}/`) && replaced !== rel) await rm(path.join(dir, path.basename(replaced)), { force: true });
  return saved.after;
}
