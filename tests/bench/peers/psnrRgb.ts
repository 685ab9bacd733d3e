/**
 * PSNR (dB) of two same-size packed RGB images; Infinity when identical. Peak 255, mean
 * squared error over all channels — the usual definition, so figures compare with others'.
 */
export function psnrRgb(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`psnrRgb: images differ in size (${a.length} vs ${b.length} bytes)`);
  let se = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    se += d * d;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / se);
}
