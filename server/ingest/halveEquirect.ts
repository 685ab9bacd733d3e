import { rawImage, type RawImage } from './decodeEquirect.ts';
import { resizeEquirect } from './resizeEquirect.ts';

/**
 * The equirect at half the width and height, each pixel the average of the 2×2 it
 * replaces. Lower tile levels and the preview sample from such copies rather than the
 * full image: bilinear sampling of a source much denser than the output reads only 4 of
 * the many source pixels under each output pixel and aliases (moiré, sparkle).
 *
 * A box filter done here rather than sharp's Lanczos: it is exact for a factor of two
 * (mipmaps are made the same way) and several times cheaper than sharp's resize of the
 * 4-channel raw data (which premultiplies the padding byte as alpha). Odd sizes — which no camera produces — go through sharp, which resamples them
 * without dropping the odd column (that would shift every longitude by up to a pixel).
 */
export async function halveEquirect(src: RawImage): Promise<RawImage> {
  const { pixels, width: W, height: H } = src;
  if (W % 2 || H % 2) return resizeEquirect(src, Math.max(2, Math.round(W / 2)));
  const w = W / 2;
  const h = H / 2;
  const data = Buffer.allocUnsafeSlow(w * h * 4);
  const out = new Uint32Array(data.buffer, data.byteOffset, w * h);
  for (let y = 0; y < h; y++) {
    let i = 2 * y * W; // top-left of the 2×2 in the upper source row
    let j = i + W; // …and in the lower one
    let o = y * w;
    for (let x = 0; x < w; x++, i += 2, j += 2, o++) {
      const a = pixels[i], b = pixels[i + 1], c = pixels[j], d = pixels[j + 1];
      // Two channels per add (R,B in 0x00ff00ff, G,X shifted down into it); +2 rounds the /4.
      const rb = (((a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff) + 0x20002) >>> 2) & 0xff00ff;
      const gx =
        ((((a >>> 8) & 0xff00ff) + ((b >>> 8) & 0xff00ff) + ((c >>> 8) & 0xff00ff) + ((d >>> 8) & 0xff00ff) + 0x20002) >>> 2) &
        0xff00ff;
      out[o] = rb | (gx << 8);
    }
  }
  return rawImage(data, w, h);
}
