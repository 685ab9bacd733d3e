import { describe, expect, it } from 'vitest';
import { FACE_IDS, TILE_SIZE, equirectUv, facePoint, type FaceId } from '../../../server/protocol/index.ts';
import { createFaceSampler } from '../../../server/ingest/createFaceSampler.ts';
import { rawImage, type RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { planLevels } from '../../../server/ingest/planLevels.ts';

/** RGBX equirect whose pixels come from `paint(x, y)`. */
function equirect(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RawImage {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      const o = (y * width + x) * 4;
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = 255;
    }
  }
  return rawImage(data, width, height);
}

/**
 * The definition the fast sampler must match: direction from facePoint, position from
 * equirectUv, plain floating-point bilinear with horizontal wrap and vertical clamp.
 */
function referencePixel(src: RawImage, face: FaceId, size: number, px: number, py: number): number[] {
  const a = (2 * (px + 0.5)) / size - 1;
  const b = 1 - (2 * (py + 0.5)) / size;
  const { u, v } = equirectUv(...facePoint(face, a, b));
  const sx = u * src.width - 0.5;
  const sy = Math.min(Math.max(v * src.height - 0.5, 0), src.height - 1);
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const at = (x: number, y: number, c: number) =>
    src.data[(Math.min(y, src.height - 1) * src.width + (((x % src.width) + src.width) % src.width)) * 4 + c];
  return [0, 1, 2].map((c) => {
    const top = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
    const bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
    return top * (1 - fy) + bottom * fy;
  });
}

describe('planLevels', () => {
  it('starts at 8·round(W/π/8) and halves to a multiple of 8 until one tile covers a face', () => {
    expect(planLevels(4096)).toEqual([328, 656, 1304]);
    expect(planLevels(8192)).toEqual([328, 656, 1304, 2608]);
    expect(planLevels(2048)).toEqual([328, 648]);
    expect(planLevels(1000)).toEqual([320]);
    expect(planLevels(16384)).toEqual([328, 656, 1304, 2608, 5216]);
    for (const w of [1000, 2048, 4096, 5000, 8192, 16384]) {
      const sizes = planLevels(w);
      expect(sizes[0]).toBeLessThanOrEqual(TILE_SIZE);
      expect(sizes.every((s) => s % 8 === 0)).toBe(true);
    }
    expect(planLevels(2048, 128)).toEqual([88, 168, 328, 648]);
  });

  it('rejects tile sizes that could never end the halving', () => {
    expect(() => planLevels(4096, 4)).toThrow(RangeError);
  });
});

describe('createFaceSampler', () => {
  // Noise: any misplaced sample (half a pixel, a mirrored face, a wrong pole) shows up as
  // a large difference; a smooth image would hide it.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255;
  const noise = equirect(512, 256, () => [rand(), rand(), rand()]);

  it('matches facePoint → equirectUv → bilinear on every pixel of every face, borders included', () => {
    const S = 64;
    const faces = createFaceSampler(noise, S).render({ x: -1, y: -1, w: S + 2, h: S + 2 });
    let worst = 0;
    let sum = 0;
    let count = 0;
    for (const face of FACE_IDS) {
      const img = faces[face];
      expect(img.length).toBe((S + 2) * (S + 2) * 3);
      for (let py = -1; py <= S; py++) {
        for (let px = -1; px <= S; px++) {
          const want = referencePixel(noise, face, S, px, py);
          const o = ((py + 1) * (S + 2) + (px + 1)) * 3;
          for (let c = 0; c < 3; c++) {
            const diff = Math.abs(img[o + c] - want[c]);
            worst = Math.max(worst, diff);
            sum += diff;
            count++;
          }
        }
      }
    }
    // 8-bit fixed-point weights and two rounding steps: within a couple of levels on noise.
    expect(worst).toBeLessThanOrEqual(3);
    expect(sum / count).toBeLessThan(0.75);
  });

  it('renders a sub-rectangle identically to the same pixels of the whole face', () => {
    const S = 64;
    const sampler = createFaceSampler(noise, S);
    const whole = sampler.render({ x: -1, y: -1, w: S + 2, h: S + 2 });
    const part = sampler.render({ x: 31, y: 7, w: 34, h: 20 }); // reaches the right border (x = 64)
    for (const face of FACE_IDS) {
      for (let j = 0; j < 20; j++) {
        for (let i = 0; i < 34; i++) {
          const a = (j * 34 + i) * 3;
          const b = ((7 + j + 1) * (S + 2) + (31 + i + 1)) * 3;
          expect([...part[face].subarray(a, a + 3)]).toEqual([...whole[face].subarray(b, b + 3)]);
        }
      }
    }
  });

  it('rejects odd face sizes and rectangles beyond the border', () => {
    expect(() => createFaceSampler(noise, 63)).toThrow(RangeError);
    expect(() => createFaceSampler(noise, 64).render({ x: -2, y: 0, w: 4, h: 4 })).toThrow(RangeError);
    expect(() => createFaceSampler(noise, 64).render({ x: 60, y: 0, w: 6, h: 4 })).toThrow(RangeError);
  });
});
