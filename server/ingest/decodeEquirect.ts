import sharp from 'sharp';
import { IngestError } from './IngestError.ts';

/**
 * Decoded equirect, row-major, 4 bytes per pixel: R G B and an unused 255. The fourth byte
 * lets the resampler read a whole pixel as one 32-bit word and filter two channels per
 * integer multiply, which is about twice as fast in JS as three separate byte reads.
 */
export interface RawImage {
  /** RGBX bytes, as sharp reads and writes them. */
  data: Buffer;
  /** The same memory, one little-endian 0xXXBBGGRR word per pixel. */
  pixels: Uint32Array;
  width: number;
  height: number;
}

/** Wraps sharp's raw RGBX output; copies only if the buffer isn't 4-byte aligned. */
export function rawImage(data: Buffer, width: number, height: number): RawImage {
  if (data.length !== width * height * 4) throw new Error(`raw image is ${data.length} bytes, expected ${width}×${height}×4`);
  if (data.byteOffset % 4 !== 0) data = Buffer.from(data);
  return { data, pixels: new Uint32Array(data.buffer, data.byteOffset, width * height), width, height };
}

/** Below this the cube faces would be a few pixels across; no camera exports that. */
const MIN_WIDTH = 64;

/** 16384×8192 is the largest equirect 360° cameras export; anything bigger is a mistake or a decompression bomb. */
export const MAX_INPUT_PIXELS = 16384 * 8192;

/**
 * Validates an uploaded equirect and decodes it once to raw RGBX for the resampler.
 * Every failure becomes an IngestError whose message is one sentence naming the file
 * and the fix, because it is shown to the uploader as is. Nothing is written to disk.
 *
 * `label` names the input in messages (a quoted file name, or e.g. "the uploaded file").
 */
export async function decodeEquirect(input: string | Buffer, label: string): Promise<RawImage> {
  // Header only, with no pixel limit, so an oversized image gets a message with its size
  // instead of sharp's generic "exceeds pixel limit".
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(input, { limitInputPixels: false }).metadata());
  } catch (err) {
    throw describeSharpError(err, label);
  }
  if (!width || !height) {
    throw new IngestError('not-image', `Vantage: ${label} has no readable image size — export the panorama again as a JPEG.`);
  }
  if (width < MIN_WIDTH || height < MIN_WIDTH / 2) {
    throw new IngestError(
      'not-equirect',
      `Vantage: ${label} is only ${width}×${height}, too small for a 360° panorama — export it from your camera app at full resolution.`,
    );
  }
  if (width * height > MAX_INPUT_PIXELS) {
    throw new IngestError(
      'too-large',
      `Vantage: ${label} is ${width}×${height}, larger than the 16384×8192 limit — downscale it to at most 16384×8192 and upload it again.`,
    );
  }
  // Within 1 % of 2:1, in integers so 1010×500 is exactly on the line, not a rounding error.
  if (100 * Math.abs(width - 2 * height) > 2 * height) {
    throw new IngestError(
      'not-equirect',
      `Vantage: ${label} is ${width}×${height}, not a 2:1 equirectangular panorama — export it from your 360° camera app as equirectangular.`,
    );
  }

  try {
    // failOn 'warning' (sharp's default, spelled out): a truncated JPEG must fail here, not
    // become a tour with a grey band across it.
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })
      .toColourspace('srgb') // greyscale and CMYK sources still give RGB
      .removeAlpha() // a panorama's own transparency means nothing on a sphere: drop it…
      .ensureAlpha(1) // …and pad to RGBX for the resampler (see RawImage)
      .raw({ depth: 'uchar' }) // 16-bit PNG/TIFF are scaled down to 8 bits
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`decoded to ${info.channels} channels`);
    return rawImage(data, info.width, info.height);
  } catch (err) {
    throw describeSharpError(err, label);
  }
}

/** sharp's errors are libvips jargon ("VipsJpeg: premature end of JPEG image"); say what it means for the uploader. */
function describeSharpError(err: unknown, label: string): IngestError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/missing|ENOENT|no such file/i.test(msg)) {
    return new IngestError('missing', `Vantage: ${label} was not found — check the file path and try again.`, { cause: err });
  }
  if (/unsupported image format|buffer is empty|input file is empty/i.test(msg)) {
    return new IngestError(
      'not-image',
      `Vantage: ${label} is not an image — upload the panorama as a JPEG, PNG or WebP file.`,
      { cause: err },
    );
  }
  if (/pixel limit/i.test(msg)) {
    return new IngestError(
      'too-large',
      `Vantage: ${label} is larger than the 16384×8192 limit — downscale it to at most 16384×8192 and upload it again.`,
      { cause: err },
    );
  }
  return new IngestError(
    'corrupt',
    `Vantage: ${label} is corrupt or truncated — copy the original file from your camera again and re-upload it.`,
    { cause: err },
  );
}
