import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaceId } from '../../../server/protocol/index.ts';
import type { RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { cropRgb } from './cropRgb.ts';
import { powerOfTwoLadder } from './powerOfTwoLadder.ts';
import { renderCubeFaces } from './renderCubeFaces.ts';
import { PREVIEW_FACE_SIZE, writePreviewStrip } from './writePreviewStrip.ts';
import { writeJpeg } from './writeJpeg.ts';

/** Marzipano CubeGeometry levels, as its tool's data.js lists them (level 0 is the preview). */
export interface MarzipanoLevels {
  levels: { tileSize: number; size: number; fallbackOnly?: boolean }[];
  faceSize: number;
}

/** Marzipano's default cubeMapPreviewFaceOrder; its faces are oriented as Vantage's (Cube.js: u's top neighbour is b). */
const PREVIEW_ORDER: readonly FaceId[] = ['b', 'd', 'f', 'l', 'r', 'u'];

/**
 * Marzipano's cube layout: `<z>/<face>/<y>/<x>.jpg` for z ≥ 1 (faces b d f l r u) and
 * `preview.jpg`, a vertical strip of six faces that serves as level 0 (fallbackOnly).
 * The preview is Vantage's 128 px rather than the tool's 256 px so both show the same
 * thing first; the tiled levels are 512·2^k (see powerOfTwoLadder).
 */
export async function tileMarzipano(src: RawImage, outDir: string, tileSize = 512): Promise<MarzipanoLevels> {
  const halvings: RawImage[] = [];
  const sizes = powerOfTwoLadder(src.width, tileSize);
  for (let z = sizes.length; z >= 1; z--) {
    const size = sizes[z - 1];
    const faces = await renderCubeFaces(src, size, halvings);
    const n = size / tileSize;
    const writes: Promise<unknown>[] = [];
    for (const face of PREVIEW_ORDER)
      for (let y = 0; y < n; y++) {
        const dir = join(outDir, String(z), face, String(y));
        await mkdir(dir, { recursive: true });
        for (let x = 0; x < n; x++)
          writes.push(writeJpeg(cropRgb(faces[face], size, x * tileSize, y * tileSize, tileSize, tileSize), tileSize, tileSize, join(dir, `${x}.jpg`)));
      }
    await Promise.all(writes);
  }
  await writePreviewStrip(src, join(outDir, 'preview.jpg'), PREVIEW_ORDER, 'vertical', halvings);
  const levels: MarzipanoLevels = {
    levels: [{ tileSize: PREVIEW_FACE_SIZE, size: PREVIEW_FACE_SIZE, fallbackOnly: true }, ...sizes.map((size) => ({ tileSize, size }))],
    faceSize: sizes[sizes.length - 1],
  };
  await writeFile(join(outDir, 'config.json'), JSON.stringify(levels));
  return levels;
}
