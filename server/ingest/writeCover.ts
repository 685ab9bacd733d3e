import sharp from 'sharp';
import { directionFromYawPitch, equirectUv, type View } from '../protocol/index.ts';

const COVER_W = 960;
const COVER_H = 600;

/**
 * Writes the listing's cover: a flat (rectilinear) picture of the room at `view`, as a
 * person would first see it — not a squashed crop of the equirect.
 */
export async function writeCover(input: string | Buffer, outFile: string, view: View): Promise<void> {
  const { data, info } = await sharp(input).resize({ width: 3072, withoutEnlargement: true }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const W = info.width, H = info.height;
  const out = Buffer.alloc(COVER_W * COVER_H * 3);
  // Camera basis at the view: forward, right (horizontal), up.
  const f = directionFromYawPitch(view.yaw, view.pitch);
  const r = directionFromYawPitch(view.yaw + 90, 0);
  const u = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]];
  const tanH = Math.tan((Math.min(view.fov, 100) * Math.PI) / 360);
  const tanV = (tanH * COVER_H) / COVER_W;
  for (let y = 0; y < COVER_H; y++) {
    const sy = (1 - (2 * (y + 0.5)) / COVER_H) * tanV;
    for (let x = 0; x < COVER_W; x++) {
      const sx = ((2 * (x + 0.5)) / COVER_W - 1) * tanH;
      const dx = f[0] + sx * r[0] + sy * u[0];
      const dy = f[1] + sx * r[1] + sy * u[1];
      const dz = f[2] + sx * r[2] + sy * u[2];
      const { u: tu, v: tv } = equirectUv(dx, dy, dz);
      const px = tu * W - 0.5, py = Math.min(H - 1, Math.max(0, tv * H - 0.5));
      const x0 = Math.floor(px), y0 = Math.floor(py);
      const fx = px - x0, fy = py - y0;
      const xa = ((x0 % W) + W) % W, xb = (xa + 1) % W, y1 = Math.min(H - 1, y0 + 1);
      const o = (y * COVER_W + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[(y0 * W + xa) * 3 + c] * (1 - fx) + data[(y0 * W + xb) * 3 + c] * fx;
        const bot = data[(y1 * W + xa) * 3 + c] * (1 - fx) + data[(y1 * W + xb) * 3 + c] * fx;
        out[o + c] = top * (1 - fy) + bot * fy;
      }
    }
  }
  await sharp(out, { raw: { width: COVER_W, height: COVER_H, channels: 3 } }).jpeg({ quality: 80, mozjpeg: true }).toFile(outFile);
}
