import sharp from 'sharp';
import { psnrRgb } from './psnrRgb.ts';
import type { Shot } from './captureUntilSettled.ts';

/** Within this of a viewer's own final-frame PSNR a frame counts as sharp (see tests/bench/README.md). */
export const SHARP_MARGIN_DB = 0.5;
/** A frame shows an image once it is within this of the final frame's PSNR: a blank or black canvas scores ~6–10 dB, any preview more. */
export const FIRST_IMAGE_MARGIN_DB = 10;

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
    firstImage: psnr.findIndex((p) => p >= final - FIRST_IMAGE_MARGIN_DB),
    sharp: psnr.findIndex((p) => p >= final - SHARP_MARGIN_DB),
  };
}
