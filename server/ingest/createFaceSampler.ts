import type { FaceId } from '../protocol/index.ts';
import type { RawImage } from './decodeEquirect.ts';

/** A rectangle of face pixels; it may reach one pixel past the face on any side (tile borders). */
export interface FaceRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FaceSampler {
  /**
   * Packed RGB (rect.w × rect.h) of the same rectangle on all six faces, written into
   * buffers from `take` (default: fresh ones) so callers can recycle them.
   */
  render(rect: FaceRect, take?: (bytes: number) => Buffer): Record<FaceId, Buffer>;
}

/**
 * Resamples cube faces of edge `size` from an equirect with bilinear filtering
 * (wrapping in longitude, clamped in latitude, so the poles come out clean).
 *
 * Face pixel (px, py) is direction facePoint(face, a, b) with a = 2(px+½)/S − 1 and
 * b = 1 − 2(py+½)/S, looked up at equirectUv(direction). Calling those per pixel costs
 * trig, a sqrt and two allocations for each of ~55 M samples of an 8K source — seconds —
 * so their closed forms are inlined here (cubeFaces.ts stays the definition; the unit
 * test checks this against it) and all the trig is tabulated once per level:
 *  - f r b l are (a, b, −1) turned by 0°, 90°, 180°, 270° about +Y: longitude is
 *    atan(a) + k·π/2, one value per column; latitude atan(b/√(1+a²)) is the same on all
 *    four faces and symmetric in ±a, ±b, so a quarter-face table serves every pixel.
 *  - u is (a, 1, b) and d is (a, −1, −b): latitude ±atan2(1, √(a²+b²)) and longitude
 *    ±θ or ±(π−θ) with θ = atan2(|a|, |b|), again quarter-face tables.
 * Source positions are stored as fixed point (pixel·512 + weight of the next pixel in
 * 1/256), so the per-pixel work is integer only; the other quadrants mirror the stored
 * one: position p ↦ (N−1) − p is pixel N−2−p₀ with weight 256−w.
 * px and py may be −1 or S (|a|, |b| just over 1): still valid directions, which is how
 * a tile's border continues onto the neighbouring face without a seam.
 */
export function createFaceSampler(src: RawImage, size: number): FaceSampler {
  if (!Number.isInteger(size) || size < 2 || size % 2) throw new RangeError(`face size must be even, got ${size}`);
  const { pixels, width: W, height: H } = src;
  if (W < 2 || H < 2) throw new RangeError(`source must be at least 2×2, got ${W}×${H}`);
  const S = size;
  const half = S / 2;
  const span = half + 1; // mirrored indices: pixel −1 … half−1 → 0 … half
  const xScale = W / (2 * Math.PI); // source columns per radian of longitude
  const yScale = H / Math.PI; // source rows per radian of latitude
  const xZero = W / 2 - 0.5; // source x (pixel-centre convention) of longitude 0
  const yZero = H / 2 - 0.5; // source y of latitude 0

  // Fixed-point source positions. Rows: y0·512 + weight of row y0+1 (0…256), clamped to
  // the image and with y0 ≤ H−2, so rows y0 and y0+1 always exist. Columns: x0·512 +
  // weight of the next column (0…255), x0 in [0, W), wrapping in longitude.
  const fixY = (y: number) => {
    if (y <= 0) return 0;
    if (y >= H - 1) return (H - 2) * 512 + 256;
    const y0 = Math.min(Math.floor(y), H - 2);
    return y0 * 512 + Math.round((y - y0) * 256);
  };
  const fixX = (x: number) => {
    if (x < 0 || x >= W) x -= Math.floor(x / W) * W;
    let x0 = Math.floor(x);
    let f = Math.round((x - x0) * 256);
    if (f === 256) {
      f = 0;
      x0++;
    }
    if (x0 >= W) x0 -= W;
    return x0 * 512 + f;
  };

  // |a| (= |b|) for mirrored index m, i.e. pixel m−1 and its mirror S−m.
  const absA = new Float64Array(span);
  const invK = new Float64Array(span); // 1/√(1+a²)
  for (let m = 0; m < span; m++) {
    absA[m] = 1 - (2 * (m - 0.5)) / S;
    invK[m] = 1 / Math.sqrt(1 + absA[m] * absA[m]);
  }

  // Quarter tables, indexed [mirrored row][mirrored column], for b > 0 and a > 0:
  // side-face row, cap row (u; d is its mirror), cap columns at longitude θ and π − θ.
  // ~1.7 M entries each at 8K, so the caps' tables are filled in mirrored pairs: swapping
  // |a| and |b| keeps the latitude and turns θ into π/2 − θ.
  const sideY = new Int32Array(span * span);
  const capY = new Int32Array(span * span);
  const capNear = new Int32Array(span * span);
  const capFar = new Int32Array(span * span);
  const quarterTurn = (Math.PI / 2) * xScale; // W/4
  for (let mj = 0; mj < span; mj++) {
    const B = absA[mj];
    for (let mi = 0, k = mj * span; mi < span; mi++, k++) sideY[k] = fixY(yZero - Math.atan(B * invK[mi]) * yScale);
    for (let mi = mj; mi < span; mi++) {
      const A = absA[mi];
      const k = mj * span + mi; // (|a|, |b|) = (A, B)
      const kSwap = mi * span + mj; // (|a|, |b|) = (B, A)
      capY[k] = capY[kSwap] = fixY(yZero - (Math.PI / 2 - Math.atan(Math.sqrt(A * A + B * B))) * yScale);
      const t = Math.atan2(A, B) * xScale;
      capNear[k] = fixX(xZero + t);
      capFar[k] = fixX(xZero + 2 * quarterTurn - t);
      capNear[kSwap] = fixX(xZero + quarterTurn - t);
      capFar[kSwap] = fixX(xZero + quarterTurn + t);
    }
  }

  // Per column px = −1 … S: mirrored index, sign of a, and each side face's column.
  const cols = S + 2;
  const colM = new Int32Array(cols);
  const colPos = new Uint8Array(cols);
  const sideX = new Int32Array(4 * cols);
  for (let c = 0; c < cols; c++) {
    const px = c - 1;
    colM[c] = px < half ? px + 1 : S - px;
    colPos[c] = px >= half ? 1 : 0;
    const lon = Math.atan((2 * (px + 0.5)) / S - 1);
    for (let k = 0; k < 4; k++) sideX[k * cols + c] = fixX(xZero + lon * xScale + (k * W) / 4);
  }

  return {
    render({ x: rx, y: ry, w, h }, take = Buffer.allocUnsafe) {
      if (rx < -1 || ry < -1 || rx + w > S + 1 || ry + h > S + 1) throw new RangeError('rect reaches past the face border');
      const n = w * h * 3;
      const out = { f: take(n), r: take(n), b: take(n), l: take(n), u: take(n), d: take(n) };
      // One small loop per face rather than one big one: V8 inlines bilerp into each and
      // keeps everything in registers (a single loop doing all six faces ran ~40 % slower).
      for (let k = 0; k < 4; k++) {
        sideFace(pixels, out[FACE_ORDER[k]], sideY, sideX, colM, k * cols + rx + 1, rx, ry, w, h, S, span, W, H);
      }
      caps(pixels, out.u, out.d, capY, capNear, capFar, colM, colPos, rx, ry, w, h, S, span, W, H);
      return out;
    },
  };
}

const FACE_ORDER = ['f', 'r', 'b', 'l'] as const;

/** One of f r b l: row from the quarter table (mirrored below the equator), column from the face's column table. */
function sideFace(
  pixels: Uint32Array,
  dst: Uint8Array,
  sideY: Int32Array,
  sideX: Int32Array,
  colM: Int32Array,
  c0: number,
  rx: number,
  ry: number,
  w: number,
  h: number,
  S: number,
  span: number,
  W: number,
  H: number,
): void {
  const half = S / 2;
  for (let j = 0, o = 0; j < h; j++) {
    const py = ry + j;
    const top = py < half; // b > 0: the stored quadrant; below it rows mirror
    const rowBase = (top ? py + 1 : S - py) * span;
    for (let i = 0; i < w; i++, o += 3) {
      const vy = sideY[rowBase + colM[rx + 1 + i]];
      let y0 = vy >> 9;
      let wy = vy & 511;
      if (!top) {
        y0 = H - 2 - y0;
        wy = 256 - wy;
      }
      const vx = sideX[c0 + i];
      const x0 = vx >> 9;
      const x1 = x0 + 1 === W ? 0 : x0 + 1;
      const rowA = y0 * W;
      bilerp(pixels, dst, o, rowA + x0, rowA + x1, rowA + W + x0, rowA + W + x1, vx & 511, wy);
    }
  }
}

/**
 * u and d. With θ = atan2(|a|, |b|): lon_u = ±(π−θ) for b > 0 and ±θ for b < 0, the sign
 * of a (the tables hold a > 0; a < 0 mirrors the column); lon_d = π − lon_u swaps
 * the two. u's row is the stored one, d's its mirror (latitude −lat).
 */
function caps(
  pixels: Uint32Array,
  u: Uint8Array,
  d: Uint8Array,
  capY: Int32Array,
  capNear: Int32Array,
  capFar: Int32Array,
  colM: Int32Array,
  colPos: Uint8Array,
  rx: number,
  ry: number,
  w: number,
  h: number,
  S: number,
  span: number,
  W: number,
  H: number,
): void {
  const half = S / 2;
  for (let j = 0, o = 0; j < h; j++) {
    const py = ry + j;
    const top = py < half;
    const rowBase = (top ? py + 1 : S - py) * span;
    for (let i = 0; i < w; i++, o += 3) {
      const c = rx + 1 + i;
      const k = rowBase + colM[c];
      const vy = capY[k];
      const yU = vy >> 9;
      const wyU = vy & 511;
      // u takes the far column above the centre row, d the near one; below, the reverse.
      let xu = top ? capFar[k] : capNear[k];
      let xd = top ? capNear[k] : capFar[k];
      let wxU = xu & 511;
      let wxD = xd & 511;
      xu >>= 9;
      xd >>= 9;
      if (!colPos[c]) {
        // a < 0: longitude −lon, i.e. column (W−1) − x.
        xu = W - 2 - xu;
        wxU = 256 - wxU;
        if (xu < 0) xu += W;
        xd = W - 2 - xd;
        wxD = 256 - wxD;
        if (xd < 0) xd += W;
      }
      let rowA = yU * W;
      let x1 = xu + 1 === W ? 0 : xu + 1;
      bilerp(pixels, u, o, rowA + xu, rowA + x1, rowA + W + xu, rowA + W + x1, wxU, wyU);
      rowA = (H - 2 - yU) * W;
      x1 = xd + 1 === W ? 0 : xd + 1;
      bilerp(pixels, d, o, rowA + xd, rowA + x1, rowA + W + xd, rowA + W + x1, wxD, 256 - wyU);
    }
  }
}

/**
 * Bilinear RGB sample of source pixels p q (upper row) r s (lower row) with weights wx, wy
 * in 1/256 (0…256) into dst[o…o+2]. R and B are filtered together: masking 0x00ff00ff
 * leaves them in separate 16-bit lanes, and 255·256 + 128 still fits a lane, so one
 * multiply serves both; G goes on its own. Each pass rounds; total error ≤ 1 level.
 */
function bilerp(
  px: Uint32Array,
  dst: Uint8Array,
  o: number,
  ip: number,
  iq: number,
  ir: number,
  is: number,
  wx: number,
  wy: number,
): void {
  const p = px[ip], q = px[iq], r = px[ir], s = px[is];
  const vx = 256 - wx;
  const vy = 256 - wy;
  const rbTop = (((p & 0xff00ff) * vx + (q & 0xff00ff) * wx + 0x800080) >>> 8) & 0xff00ff;
  const gTop = ((((p >>> 8) & 0xff) * vx + ((q >>> 8) & 0xff) * wx + 0x80) >>> 8);
  const rbBot = (((r & 0xff00ff) * vx + (s & 0xff00ff) * wx + 0x800080) >>> 8) & 0xff00ff;
  const gBot = ((((r >>> 8) & 0xff) * vx + ((s >>> 8) & 0xff) * wx + 0x80) >>> 8);
  const rb = (rbTop * vy + rbBot * wy + 0x800080) >>> 8;
  dst[o] = rb; // Uint8Array stores keep the low byte: R
  dst[o + 1] = (gTop * vy + gBot * wy + 0x80) >>> 8;
  dst[o + 2] = rb >>> 16;
}
