import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaceId } from '../../../server/protocol/index.ts';
import type { RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { cropRgb } from './cropRgb.ts';
import { powerOfTwoLadder } from './powerOfTwoLadder.ts';
import { renderCubeFaces } from './renderCubeFaces.ts';
import { writePreviewStrip } from './writePreviewStrip.ts';
import { writeJpeg } from './writeJpeg.ts';

/** The data a PSV CubemapMultiTilesPanorama needs besides its tileUrl function. */
export interface PsvLevels {
  levels: { faceSize: number; nbTiles: number }[];
  /** Our u/d faces are Pannellum's orientation, 180° from PSV's own: the adapter must flip them back. */
  flipTopBottom: true;
}

/** PSV's face names → Vantage's; the stripe's default order is left front right back top bottom. */
export const PSV_FACES = { left: 'l', front: 'f', right: 'r', back: 'b', top: 'u', bottom: 'd' } as const satisfies Record<string, FaceId>;

/**
 * PSV cubemap tiles: `<level>/<face>/<row>_<col>.jpg` (level 0 smallest, PSV face names),
 * tile = faceSize / nbTiles with nbTiles a power of two, so 512·2^k faces (powerOfTwoLadder)
 * keep 512 px tiles; `base.jpg` is the low-resolution baseUrl as a horizontal stripe of
 * Vantage's 128 px preview faces.
 */
export async function tilePsv(src: RawImage, outDir: string, tileSize = 512): Promise<PsvLevels> {
  const halvings: RawImage[] = [];
  const sizes = powerOfTwoLadder(src.width, tileSize);
  for (let level = sizes.length - 1; level >= 0; level--) {
    const size = sizes[level];
    const faces = await renderCubeFaces(src, size, halvings);
    const n = size / tileSize;
    const writes: Promise<unknown>[] = [];
    for (const [name, face] of Object.entries(PSV_FACES)) {
      const dir = join(outDir, String(level), name);
      await mkdir(dir, { recursive: true });
      for (let row = 0; row < n; row++)
        for (let col = 0; col < n; col++)
          writes.push(writeJpeg(cropRgb(faces[face], size, col * tileSize, row * tileSize, tileSize, tileSize), tileSize, tileSize, join(dir, `${row}_${col}.jpg`)));
    }
    await Promise.all(writes);
  }
  await writePreviewStrip(src, join(outDir, 'base.jpg'), Object.values(PSV_FACES), 'horizontal', halvings);
  const out: PsvLevels = { levels: sizes.map((faceSize) => ({ faceSize, nbTiles: faceSize / tileSize })), flipTopBottom: true };
  await writeFile(join(outDir, 'config.json'), JSON.stringify(out));
  return out;
}
