import sharp from 'sharp';
import { psnrRgb } from './psnrRgb.ts';
import type { Shot } from './captureUntilSettled.ts';

/** Within this of a viewer's own final-frame PSNR a frame counts as sharp (see tests/bench/README.md). */
export const SHARP_MARGIN_DB = 0.5;
/**
 * A frame shows an image once its PSNR reaches this: a blank or black canvas scores 4–12 dB
 * against these photos, a 128 px-face preview 23–26 dB (measured), the final frames ≥ 39 dB.
 */
export const FIRST_IMAGE_DB = 18;

export interface Scored {
  psnr: number[];
  final: number;
  firstImage: number;
  sharp: number;
}

/** PSNR of every shot against the reference (packed RGB of the same size), and the indexes of the first image and first sharp shot. */
export async function scoreShots(shots: Shot[], reference: Buffer): Promise<Scored> {
  const psnr: number[] = [];
  for (const s of shots) psnr.push(psnrRgb(await sharp(s.png).removeAlpha().raw().toBuffer(), reference));
  const final = psnr[psnr.length - 1];
  return {
    psnr,
    final,
    firstImage: psnr.findIndex((p) => p >= Math.min(FIRST_IMAGE_DB, final)),
    sharp: psnr.findIndex((p) => p >= final - SHARP_MARGIN_DB),
  };
}
