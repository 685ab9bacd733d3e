import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataUtils } from 'three';
import { describe, expect, it } from 'vitest';
import { decodeRoomEnvironment, encodeRoomEnvironment } from '../../../client/model/roomEnvironmentFile.ts';

const SHIPPED = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../client/model/room-environment.venv');

/** A cube of `count` levels from `size`, each texel a function of level, face, x, y. */
function cube(size: number, count: number, f: (l: number, face: number, x: number, y: number) => [number, number, number]): Float32Array[][] {
  return Array.from({ length: count }, (_, l) =>
    Array.from({ length: 6 }, (_, face) => {
      const s = size >> l;
      const px = new Float32Array(s * s * 4);
      for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) px.set([...f(l, face, x, y), 1], (y * s + x) * 4);
      return px;
    }),
  );
}

const value = (half: Uint16Array, i: number) => DataUtils.fromHalfFloat(half[i]);

describe('the prefiltered room light file', () => {
  it('keeps HDR values to RGBE precision (a 1/128 step of the brightest channel), black as black', () => {
    const levels = cube(16, 2, (l, face, x, y) => (x === 0 && y === 0 ? [0, 0, 0] : [(x + 1) * 0.37 * (face + 1), y * 3.1 + l, 40 + face]));
    const { cubeSize, levels: out } = decodeRoomEnvironment(encodeRoomEnvironment(16, levels).buffer as ArrayBuffer);
    expect(cubeSize).toBe(16);
    expect(out).toHaveLength(2);
    for (const [l, faces] of levels.entries())
      for (const [f, px] of faces.entries())
        for (let i = 0; i < px.length; i += 4) {
          const max = Math.max(px[i], px[i + 1], px[i + 2]);
          for (let c = 0; c < 3; c++) expect(Math.abs(value(out[l][f], i + c) - px[i + c])).toBeLessThanOrEqual(max / 128 + max / 1024);
          expect(value(out[l][f], i + 3)).toBe(1);
        }
    expect([0, 1, 2].map((c) => value(out[0][0], c))).toEqual([0, 0, 0]);
  });

  it('makes the levels it leaves out by doubling the next one: a smooth gradient comes back smooth', () => {
    // Level 0 of a linear ramp, and level 1 its half-size copy (what a prefilter of a ramp gives).
    const ramp = (l: number, _face: number, x: number) => [((x + 0.5) * (1 << l)) / 16, 1, 1] as [number, number, number];
    const levels = cube(16, 3, ramp);
    const file = encodeRoomEnvironment(16, levels, 1);
    const full = encodeRoomEnvironment(16, levels, 0);
    expect(file.length).toBeLessThan(full.length / 3);
    const { levels: out } = decodeRoomEnvironment(file.buffer as ArrayBuffer);
    expect(out).toHaveLength(3);
    expect(out[0][0]).toHaveLength(16 * 16 * 4);
    // Inside the face (the edges are clamped) the doubled ramp is the ramp.
    for (let x = 1; x < 15; x++) expect(Math.abs(value(out[0][3], (5 * 16 + x) * 4) - levels[0][3][(5 * 16 + x) * 4])).toBeLessThan(0.02);
  });

  it('refuses what is not one of its files, or is cut short, saying which', () => {
    const good = encodeRoomEnvironment(16, cube(16, 2, () => [1, 1, 1]));
    expect(() => decodeRoomEnvironment(new TextEncoder().encode('<!doctype html>').buffer as ArrayBuffer)).toThrow('not a Vantage environment file');
    expect(() => decodeRoomEnvironment(good.slice(0, good.length - 10).buffer as ArrayBuffer)).toThrow('the file ends inside level 1');
    const later = good.slice();
    later[4] = 2;
    expect(() => decodeRoomEnvironment(later.buffer as ArrayBuffer)).toThrow('version 2 is not supported');
    const none = good.slice();
    none[6] = 0;
    expect(() => decodeRoomEnvironment(none.buffer as ArrayBuffer)).toThrow('names no levels');
  });

  it('the shipped file is three’s 256 px prefiltered cube: six levels, 256 to 8 px, the sharpest made from the next', async () => {
    const bytes = await readFile(SHIPPED);
    const { cubeSize, levels } = decodeRoomEnvironment(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(cubeSize).toBe(256);
    expect(levels.map((faces) => Math.sqrt(faces[0].length / 4))).toEqual([256, 128, 64, 32, 16, 8]);
    // A lit room: every face has light in it, and the light panels are brighter than white.
    for (const face of levels[0]) expect(Math.max(...Array.from(face.filter((_, i) => i % 4 === 0), (h) => DataUtils.fromHalfFloat(h)))).toBeGreaterThan(0.1);
    expect(Math.max(...levels[1].flatMap((face) => Array.from(face.filter((_, i) => i % 4 === 0), (h) => DataUtils.fromHalfFloat(h))))).toBeGreaterThan(1);
  });
});
