/** A w×h window at (x, y) of a packed RGB image `width` wide, as a new packed RGB buffer. */
export function cropRgb(rgb: Buffer, width: number, x: number, y: number, w: number, h: number): Buffer {
  const out = Buffer.allocUnsafe(w * h * 3);
  for (let row = 0; row < h; row++) rgb.copy(out, row * w * 3, ((y + row) * width + x) * 3, ((y + row) * width + x + w) * 3);
  return out;
}
