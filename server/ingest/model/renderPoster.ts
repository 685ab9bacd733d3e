import type { Bounds } from '../../protocol/index.ts';
import type { BakedPrimitive } from './bakePrimitives.ts';
import type { TextureThumb } from './processTextures.ts';

export interface PosterInput {
  primitives: BakedPrimitive[];
  bounds: Bounds;
  /** A small sRGB copy of the primitive's base colour texture, when one was decoded. */
  thumbOf: (primitive: BakedPrimitive) => TextureThumb | undefined;
}

const toLinear = new Float32Array(256).map((_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
/** Linear [0,1] in 4096 steps → sRGB byte, so per-pixel shading costs a lookup, not a pow. */
const SRGB_STEPS = 4096;
const toSrgbTable = new Uint8Array(SRGB_STEPS + 1).map((_, i) => {
  const v = i / SRGB_STEPS;
  return Math.round(255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055));
});
const toSrgb = (v: number) => toSrgbTable[Math.round(Math.min(1, Math.max(0, v)) * SRGB_STEPS)];

/**
 * A CPU rasteriser for the exhibit's poster (there is no browser on the server): orthographic
 * 3/4 view from front-right and above, framed on the projected geometry, z-buffered, each
 * triangle flat-shaded (Lambert, two-sided) in its material's colour — base colour factor ×
 * vertex colour × a small copy of the base colour texture sampled per pixel. Transparent background. Not
 * photoreal; it is there so the silhouette and main colours read before the model loads.
 */
export function renderPoster({ primitives, bounds, thumbOf }: PosterInput, size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const depth = new Float32Array(size * size).fill(-Infinity);
  // View direction (from the model towards the camera): 35° to the right of the front (+Z), 25° up.
  const az = (35 * Math.PI) / 180, el = (25 * Math.PI) / 180;
  const dir = [Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el)];
  const right = normalize([dir[2], 0, -dir[0]]);
  const up = cross(dir, right);
  const light = normalize(add(add(scale(right, -0.45), scale(up, 0.75)), scale(dir, 0.55)));
  const centre = bounds.min.map((v, i) => (v + bounds.max[i]) / 2);

  // Frame on the projected vertices, not the box: a long thin model fills the picture.
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const p of primitives) {
    const a = p.positions;
    for (let i = 0; i < a.length; i += 3) {
      const x = a[i] - centre[0], y = a[i + 1] - centre[1], z = a[i + 2] - centre[2];
      const sx = x * right[0] + y * right[1] + z * right[2];
      const sy = x * up[0] + y * up[1] + z * up[2];
      if (sx < minX) minX = sx;
      if (sx > maxX) maxX = sx;
      if (sy < minY) minY = sy;
      if (sy > maxY) maxY = sy;
    }
  }
  const extent = Math.max(maxX - minX, maxY - minY);
  if (!(extent > 0) || !Number.isFinite(extent)) return rgba;
  const k = (size * 0.88) / extent;
  const ox = size / 2 - ((minX + maxX) / 2) * k, oy = size / 2 + ((minY + maxY) / 2) * k;

  for (const p of primitives) {
    const base = p.material?.getBaseColorFactor() ?? [1, 1, 1, 1];
    const blend = p.material?.getAlphaMode() === 'BLEND';
    // Glass and decals would hide what is behind them in an opaque renderer: mostly-clear ones are left out.
    if (blend && base[3] < 0.5) continue;
    const thumb = thumbOf(p);
    const { positions: a, indices, uvs, colors } = p;
    const vertexCount = a.length / 3;
    const sx = new Float32Array(vertexCount), sy = new Float32Array(vertexCount), sz = new Float32Array(vertexCount);
    for (let v = 0; v < vertexCount; v++) {
      const x = a[v * 3] - centre[0], y = a[v * 3 + 1] - centre[1], z = a[v * 3 + 2] - centre[2];
      sx[v] = ox + (x * right[0] + y * right[1] + z * right[2]) * k;
      sy[v] = oy - (x * up[0] + y * up[1] + z * up[2]) * k;
      sz[v] = x * dir[0] + y * dir[1] + z * dir[2];
    }
    for (let t = 0; t + 2 < indices.length; t += 3) {
      const i0 = indices[t], i1 = indices[t + 1], i2 = indices[t + 2];
      if (i0 >= vertexCount || i1 >= vertexCount || i2 >= vertexCount) continue;
      // Colour: factor × vertex colour × (per pixel) the texture, all linear.
      let r = base[0], g = base[1], b = base[2];
      if (colors) {
        r *= (colors[i0 * 3] + colors[i1 * 3] + colors[i2 * 3]) / 3;
        g *= (colors[i0 * 3 + 1] + colors[i1 * 3 + 1] + colors[i2 * 3 + 1]) / 3;
        b *= (colors[i0 * 3 + 2] + colors[i1 * 3 + 2] + colors[i2 * 3 + 2]) / 3;
      }
      // Flat normal from the world positions, turned towards the camera (two-sided).
      const e1 = [a[i1 * 3] - a[i0 * 3], a[i1 * 3 + 1] - a[i0 * 3 + 1], a[i1 * 3 + 2] - a[i0 * 3 + 2]];
      const e2 = [a[i2 * 3] - a[i0 * 3], a[i2 * 3 + 1] - a[i0 * 3 + 1], a[i2 * 3 + 2] - a[i0 * 3 + 2]];
      const n = normalize(cross(e1, e2));
      if (dot(n, dir) < 0) { n[0] = -n[0]; n[1] = -n[1]; n[2] = -n[2]; }
      const shade = 0.32 + 0.68 * Math.max(0, dot(n, light));
      tri.r = r * shade; tri.g = g * shade; tri.b = b * shade;
      tri.thumb = thumb && uvs ? thumb : undefined;
      if (tri.thumb && uvs) {
        tri.u0 = uvs[i0 * 2]; tri.v0 = uvs[i0 * 2 + 1]; tri.u1 = uvs[i1 * 2]; tri.v1 = uvs[i1 * 2 + 1]; tri.u2 = uvs[i2 * 2]; tri.v2 = uvs[i2 * 2 + 1];
      }
      fillTriangle(rgba, depth, size, sx[i0], sy[i0], sz[i0], sx[i1], sy[i1], sz[i1], sx[i2], sy[i2], sz[i2], tri);
    }
  }
  return rgba;
}

/** One triangle's shaded linear colour and, when textured, its corners' UVs (reused, not reallocated). */
interface Shaded {
  r: number; g: number; b: number;
  thumb?: TextureThumb;
  u0: number; v0: number; u1: number; v1: number; u2: number; v2: number;
}
const tri: Shaded = { r: 0, g: 0, b: 0, u0: 0, v0: 0, u1: 0, v1: 0, u2: 0, v2: 0 };

function fillTriangle(rgba: Uint8Array, depth: Float32Array, size: number, x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, x2: number, y2: number, z2: number, t: Shaded): void {
  const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (area === 0 || !Number.isFinite(area)) return;
  const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2))), maxX = Math.min(size - 1, Math.ceil(Math.max(x0, x1, x2)));
  const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2))), maxY = Math.min(size - 1, Math.ceil(Math.max(y0, y1, y2)));
  const inv = 1 / area;
  const flat = t.thumb ? undefined : [toSrgb(t.r), toSrgb(t.g), toSrgb(t.b)];
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      // Barycentric weights; either winding is drawn (the sign of area cancels).
      const w0 = ((x1 - px) * (y2 - py) - (x2 - px) * (y1 - py)) * inv;
      const w1 = ((x2 - px) * (y0 - py) - (x0 - px) * (y2 - py)) * inv;
      const w2 = 1 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      const z = w0 * z0 + w1 * z1 + w2 * z2;
      const at = y * size + x;
      if (z <= depth[at]) continue;
      depth[at] = z;
      const o = at * 4;
      if (flat) {
        rgba[o] = flat[0]; rgba[o + 1] = flat[1]; rgba[o + 2] = flat[2];
      } else {
        // An orthographic view keeps UVs affine on screen, so plain barycentric interpolation is exact.
        const th = t.thumb!;
        const u = w0 * t.u0 + w1 * t.u1 + w2 * t.u2, v = w0 * t.v0 + w1 * t.v1 + w2 * t.v2;
        const tx = ((Math.floor(u * th.width) % th.width) + th.width) % th.width;
        const ty = ((Math.floor(v * th.height) % th.height) + th.height) % th.height;
        const ti = (ty * th.width + tx) * 4;
        rgba[o] = toSrgb(t.r * toLinear[th.data[ti]]); rgba[o + 1] = toSrgb(t.g * toLinear[th.data[ti + 1]]); rgba[o + 2] = toSrgb(t.b * toLinear[th.data[ti + 2]]);
      }
      rgba[o + 3] = 255;
    }
  }
}

function dot(a: number[], b: number[]): number { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
function cross(a: number[], b: number[]): number[] { return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]; }
function add(a: number[], b: number[]): number[] { return [a[0] + b[0], a[1] + b[1], a[2] + b[2]]; }
function scale(a: number[], s: number): number[] { return [a[0] * s, a[1] * s, a[2] * s]; }
function normalize(a: number[]): number[] {
  const len = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / len, a[1] / len, a[2] / len];
}
