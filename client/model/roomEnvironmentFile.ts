import { DataUtils } from 'three';

/**
 * The exhibit viewer's image-based light, prefiltered once (assets/scripts/make-room-environment.ts)
 * instead of in every visitor's browser: three's PMREMGenerator compiles and runs its blur
 * shaders on the GPU before the first frame, which on a phone or a software GPU cost ~2 s —
 * most of an exhibit's time to first frame.
 *
 * The file: "VENV", a version byte (1), the first level stored, the number of levels, a zero
 * byte, the cube size (uint16 LE), then for each stored level l (faces of size >> l) and each
 * face (+X −X +Y −Y +Z −Z) its texels, row by row as GL stores them, in RGBE (8-bit mantissas,
 * shared exponent): the light is HDR, and RGBE takes half the bytes of half floats. The levels
 * before the first stored one are made here by doubling the next (bilinear): the sharpest level
 * is three quarters of the data and is seen only in mirror-like surfaces, where a room's soft
 * panels lose nothing at half resolution; the file is ~120 KB compressed instead of ~340 KB.
 */
export interface RoomEnvironmentLevels {
  cubeSize: number;
  /** levels[l][face]: RGBA half floats (three's HalfFloatType), (cubeSize >> l)² texels. */
  levels: Uint16Array[][];
}

const MAGIC = [0x56, 0x45, 0x4e, 0x56]; // "VENV"
const HEADER = 10;

/** RGBA float texels (levels[l][face]) → the file's bytes, from level `first` on. */
export function encodeRoomEnvironment(cubeSize: number, levels: Float32Array[][], first = 0): Uint8Array {
  const texels = levels.reduce((n, faces, l) => (l < first ? n : n + faces.length * (cubeSize >> l) ** 2), 0);
  const out = new Uint8Array(HEADER + texels * 4);
  out.set(MAGIC, 0);
  out[4] = 1;
  out[5] = first;
  out[6] = levels.length;
  new DataView(out.buffer).setUint16(8, cubeSize, true);
  let at = HEADER;
  for (const [l, faces] of levels.entries()) {
    if (l < first) continue;
    if (faces.length !== 6) throw new Error(`room environment: level ${l} has ${faces.length} faces, not 6`);
    for (const px of faces) {
      if (px.length !== (cubeSize >> l) ** 2 * 4) throw new Error(`room environment: level ${l} has ${px.length / 4} texels, not ${(cubeSize >> l) ** 2}`);
      for (let i = 0; i < px.length; i += 4, at += 4) {
        const m = Math.max(px[i], px[i + 1], px[i + 2]);
        if (!(m > 1e-32)) continue; // black (and NaN) stay 0,0,0,0
        const e = Math.ceil(Math.log2(m) + 1e-7);
        const f = 256 / 2 ** e;
        out[at] = Math.min(255, Math.round(px[i] * f));
        out[at + 1] = Math.min(255, Math.round(px[i + 1] * f));
        out[at + 2] = Math.min(255, Math.round(px[i + 2] * f));
        out[at + 3] = e + 128;
      }
    }
  }
  return out;
}

/** The file's bytes → half-float levels; a file that is not one (or is cut short) throws, saying which. */
export function decodeRoomEnvironment(bytes: ArrayBuffer): RoomEnvironmentLevels {
  const b = new Uint8Array(bytes);
  if (b.length < HEADER || MAGIC.some((m, i) => b[i] !== m)) throw new Error('room environment: not a Vantage environment file');
  if (b[4] !== 1) throw new Error(`room environment: version ${b[4]} is not supported`);
  const first = b[5], count = b[6];
  const cubeSize = new DataView(bytes).getUint16(8, true);
  if (count < 1 || first >= count || cubeSize < 1 || cubeSize >> (count - 1) < 1) throw new Error('room environment: the header names no levels');
  const levels: Uint16Array[][] = [];
  let at = HEADER;
  let stored: Float32Array[] = [];
  for (let l = first; l < count; l++) {
    const n = (cubeSize >> l) ** 2;
    if (at + 6 * n * 4 > b.length) throw new Error(`room environment: the file ends inside level ${l}`);
    const faces: Float32Array[] = [];
    for (let f = 0; f < 6; f++, at += n * 4) faces.push(fromRgbe(b.subarray(at, at + n * 4)));
    if (l === first) stored = faces;
    levels[l] = faces.map(toHalf);
  }
  // The levels left out, each doubled from the next.
  for (let l = first - 1; l >= 0; l--) {
    stored = stored.map((px) => doubled(px, cubeSize >> (l + 1)));
    levels[l] = stored.map(toHalf);
  }
  return { cubeSize, levels };
}

function fromRgbe(b: Uint8Array): Float32Array {
  const out = new Float32Array(b.length);
  for (let i = 0; i < b.length; i += 4) {
    out[i + 3] = 1;
    const e = b[i + 3];
    if (e === 0) continue;
    const s = 2 ** (e - 128) / 256;
    out[i] = b[i] * s;
    out[i + 1] = b[i + 1] * s;
    out[i + 2] = b[i + 2] * s;
  }
  return out;
}

function toHalf(px: Float32Array): Uint16Array {
  const out = new Uint16Array(px.length);
  for (let i = 0; i < px.length; i++) out[i] = DataUtils.toHalfFloat(px[i]);
  return out;
}

/** A face of s×s RGBA texels at twice the size, bilinear, edges clamped. */
function doubled(px: Float32Array, s: number): Float32Array {
  const d = s * 2;
  const out = new Float32Array(d * d * 4);
  for (let y = 0; y < d; y++) {
    const sy = Math.min(s - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(sy), y1 = Math.min(s - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < d; x++) {
      const sx = Math.min(s - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
      const x0 = Math.floor(sx), x1 = Math.min(s - 1, x0 + 1), fx = sx - x0;
      const a = (y0 * s + x0) * 4, b = (y0 * s + x1) * 4, c = (y1 * s + x0) * 4, e = (y1 * s + x1) * 4;
      for (let k = 0; k < 4; k++) out[(y * d + x) * 4 + k] = (px[a + k] * (1 - fx) + px[b + k] * fx) * (1 - fy) + (px[c + k] * (1 - fx) + px[e + k] * fx) * fy;
    }
  }
  return out;
}
