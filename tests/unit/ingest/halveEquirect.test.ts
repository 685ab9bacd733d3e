import { describe, expect, it } from 'vitest';
import { halveEquirect } from '../../../server/ingest/halveEquirect.ts';
import { rawImage } from '../../../server/ingest/decodeEquirect.ts';

const rgbx = (width: number, height: number, px: (x: number, y: number) => [number, number, number]) => {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...px(x, y), 255], (y * width + x) * 4);
  return rawImage(data, width, height);
};

describe('halveEquirect', () => {
  it('averages each 2×2 block per channel, rounding to nearest', async () => {
    const src = rgbx(4, 2, (x, y) => [x * 60 + y, 255 - x * 50, (x + y) % 2 ? 255 : 0]);
    const half = await halveEquirect(src);
    expect([half.width, half.height]).toEqual([2, 1]);
    // Block 0: R (0,60,1,61) → 30.5 → 31; G (255,205,255,205) → 230; B (0,255,255,0) → 127.5 → 128.
    expect([...half.data.subarray(0, 4)]).toEqual([31, 230, 128, 255]);
    // Block 1: R (120,180,121,181) → 150.5 → 151; G (155,105,155,105) → 130.
    expect([...half.data.subarray(4, 8)]).toEqual([151, 130, 128, 255]);
  });

  it('never carries between channels, even at 255', async () => {
    const half = await halveEquirect(rgbx(2, 2, () => [255, 255, 255]));
    expect([...half.data]).toEqual([255, 255, 255, 255]);
  });

  it('resamples odd sizes instead of dropping a column', async () => {
    const half = await halveEquirect(rgbx(10, 5, (x) => [x * 25, 0, 0]));
    expect([half.width, half.height]).toEqual([5, 3]);
    expect(half.pixels.length).toBe(15);
    // A horizontal ramp stays a ramp from the left edge to the right edge.
    expect(half.data[0]).toBeLessThan(40);
    expect(half.data[4 * 4]).toBeGreaterThan(185);
  });
});
