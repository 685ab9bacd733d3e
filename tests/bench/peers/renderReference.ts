import { directionFromYawPitch, equirectUv } from '../../../server/protocol/index.ts';
import type { RawImage } from '../../../server/ingest/decodeEquirect.ts';

/** One camera view, in Vantage's conventions (server/protocol/cubeFaces.ts): degrees, yaw right, pitch up, horizontal FOV. */
export interface BenchView {
  yaw: number;
  pitch: number;
  hfov: number;
}

/**
 * The full-resolution ground truth of a view: each output pixel's ray (pinhole camera,
 * pixel centres) looked up in the source equirect with bilinear filtering, longitude
 * wrapping and latitude clamped. Every viewer's screenshot is scored against this, so it is
 * computed from the source itself, never from anyone's tiles. Returns packed RGB.
 */
export function renderReference(src: RawImage, view: BenchView, width: number, height: number): Buffer {
  const { pixels, width: W, height: H } = src;
  const out = Buffer.allocUnsafe(width * height * 3);
  const DEG = Math.PI / 180;
  const fwd = directionFromYawPitch(view.yaw, view.pitch);
  const right = [Math.cos(view.yaw * DEG), 0, Math.sin(view.yaw * DEG)];
  // up = right × forward: (0,1,0) at yaw 0 pitch 0, tilting back as pitch rises.
  const up = [right[1] * fwd[2] - right[2] * fwd[1], right[2] * fwd[0] - right[0] * fwd[2], right[0] * fwd[1] - right[1] * fwd[0]];
  const tx = Math.tan((view.hfov * DEG) / 2);
  const ty = tx * (height / width);
  let o = 0;
  for (let j = 0; j < height; j++) {
    const y = (1 - (2 * (j + 0.5)) / height) * ty;
    for (let i = 0; i < width; i++, o += 3) {
      const x = ((2 * (i + 0.5)) / width - 1) * tx;
      const { u, v } = equirectUv(fwd[0] + x * right[0] + y * up[0], fwd[1] + x * right[1] + y * up[1], fwd[2] + x * right[2] + y * up[2]);
      let sx = u * W - 0.5;
      sx -= Math.floor(sx / W) * W;
      const sy = Math.min(H - 1, Math.max(0, v * H - 0.5));
      const x0 = Math.floor(sx), y0 = Math.min(H - 2, Math.floor(sy));
      const x1 = x0 + 1 === W ? 0 : x0 + 1;
      const fx = sx - x0, fy = sy - y0;
      const p = pixels[y0 * W + x0], q = pixels[y0 * W + x1], r = pixels[(y0 + 1) * W + x0], s = pixels[(y0 + 1) * W + x1];
      for (let c = 0, sh = 0; c < 3; c++, sh += 8) {
        const top = ((p >>> sh) & 255) * (1 - fx) + ((q >>> sh) & 255) * fx;
        const bot = ((r >>> sh) & 255) * (1 - fx) + ((s >>> sh) & 255) * fx;
        out[o + c] = Math.round(top * (1 - fy) + bot * fy);
      }
    }
  }
  return out;
}
