import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaceId } from '../../../server/protocol/index.ts';
import type { RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { cropRgb } from './cropRgb.ts';
import { renderCubeFaces } from './renderCubeFaces.ts';
import { writeJpeg } from './writeJpeg.ts';

/** The `multiRes` block of a Pannellum config, as pannellum's utils/multires/generate.py prints it. */
export interface PannellumMultiRes {
  path: string;
  extension: 'jpg';
  tileResolution: number;
  maxLevel: number;
  cubeResolution: number;
}

/** generate.py's face letters in its order; Pannellum's faces (nona cube) are oriented as Vantage's. */
const FACES: readonly (readonly [string, FaceId])[] = [['f', 'f'], ['b', 'b'], ['u', 'u'], ['d', 'd'], ['l', 'l'], ['r', 'r']];

/**
 * Pannellum's multires pyramid as generate.py cuts it: cubeSize = 8·⌊W/π/8⌋ (1296 for a
 * 4096 source), levels = ⌈log2(cubeSize/tileSize)⌉ + 1, level `maxLevel` full size and each
 * lower level half the one above (int division), files `<level>/<face><row>_<col>.jpg`
 * with partial tiles at the right and bottom edges, no border. No preview level:
 * Pannellum has no cube preview, it draws its level 1 first (generate.py's fallback/
 * folder is only for browsers without WebGL, so it is not written).
 */
export async function tilePannellum(src: RawImage, outDir: string, tileSize = 512): Promise<PannellumMultiRes> {
  const cubeSize = 8 * Math.floor(src.width / Math.PI / 8);
  const tile = Math.min(tileSize, cubeSize);
  const maxLevel = Math.ceil(Math.log2(cubeSize / tile)) + 1;
  const halvings: RawImage[] = [];
  let size = cubeSize;
  for (let level = maxLevel; level >= 1; level--, size = Math.floor(size / 2)) {
    const dir = join(outDir, String(level));
    await mkdir(dir, { recursive: true });
    const faces = await renderCubeFaces(src, size, halvings);
    const n = Math.ceil(size / tile);
    const writes: Promise<unknown>[] = [];
    for (const [letter, face] of FACES)
      for (let row = 0; row < n; row++)
        for (let col = 0; col < n; col++) {
          const w = Math.min(tile, size - col * tile), h = Math.min(tile, size - row * tile);
          writes.push(writeJpeg(cropRgb(faces[face], size, col * tile, row * tile, w, h), w, h, join(dir, `${letter}${row}_${col}.jpg`)));
        }
    await Promise.all(writes);
  }
  const multiRes: PannellumMultiRes = { path: '/%l/%s%y_%x', extension: 'jpg', tileResolution: tile, maxLevel, cubeResolution: cubeSize };
  await writeFile(join(outDir, 'config.json'), JSON.stringify(multiRes));
  return multiRes;
}
