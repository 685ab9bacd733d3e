import sharp from 'sharp';
import { rawImage, type RawImage } from './decodeEquirect.ts';

/**
 * The equirect resized to `width` (height in proportion) with sharp's Lanczos filter.
 * Used where the exact 2× box steps of halveEquirect don't fit: odd sizes, and the
 * preview, whose 128 px faces want a source about π·128 = 402 px wide.
 */
export async function resizeEquirect(src: RawImage, width: number): Promise<RawImage> {
  const height = Math.max(2, Math.round((src.height * width) / src.width));
  const { data, info } = await sharp(src.data, { raw: { width: src.width, height: src.height, channels: 4 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rawImage(data, info.width, info.height);
}
