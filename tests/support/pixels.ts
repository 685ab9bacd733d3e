import sharp from 'sharp';

export interface PixelStats {
  mean: number;
  stdev: number;
  /** Mean absolute difference between horizontally adjacent pixels: high for a sharp picture, low for a blurry one. */
  detail: number;
}

/** Luma statistics of a PNG screenshot: what a person would notice (blank, black, blurry, sharp). */
export async function pixelStats(png: Buffer): Promise<PixelStats> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0, sq = 0, detail = 0;
  for (let i = 0; i < data.length; i++) {
    sum += data[i];
    sq += data[i] * data[i];
    if (i % info.width !== 0) detail += Math.abs(data[i] - data[i - 1]);
  }
  const n = data.length;
  const mean = sum / n;
  return { mean, stdev: Math.sqrt(sq / n - mean * mean), detail: detail / (n - info.height) };
}

/** Mean absolute per-channel difference (0–255) between two same-size screenshots. */
export async function meanAbsDiff(a: Buffer, b: Buffer): Promise<number> {
  const [ra, rb] = await Promise.all([a, b].map((x) => sharp(x).removeAlpha().raw().toBuffer()));
  if (ra.length !== rb.length) throw new Error('screenshots differ in size');
  let d = 0;
  for (let i = 0; i < ra.length; i++) d += Math.abs(ra[i] - rb[i]);
  return d / ra.length;
}

/** PSNR (dB) between two same-size screenshots; identical images give Infinity. */
export async function psnr(a: Buffer, b: Buffer): Promise<number> {
  const [ra, rb] = await Promise.all([a, b].map((x) => sharp(x).removeAlpha().raw().toBuffer()));
  let se = 0;
  for (let i = 0; i < ra.length; i++) se += (ra[i] - rb[i]) ** 2;
  const mse = se / ra.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** How many pixels of a screenshot match `is` (r, g, b 0–255): e.g. a marker colour showing through. */
export async function countPixels(png: Buffer, is: (r: number, g: number, b: number) => boolean): Promise<number> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) if (is(data[i], data[i + 1], data[i + 2])) n++;
  return n;
}

/** The share (0–1) of a screenshot's pixels that differ from its top-left corner's colour (the empty background) by more than `tolerance`. */
export async function coverage(png: Buffer, tolerance = 24): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().resize(100, null).raw().toBuffer({ resolveWithObject: true });
  const [r0, g0, b0] = [data[0], data[1], data[2]];
  let hit = 0;
  for (let i = 0; i < data.length; i += 3) if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > tolerance) hit++;
  return hit / (info.width * info.height);
}
