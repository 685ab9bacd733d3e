import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { exhibitQrUrl } from '../../../../client/host/museum/exhibitQrUrl.ts';
import { qrPath } from '../../../../client/host/museum/qrPath.ts';

/** Fills the path's rectangles (M x y h w v1 h-w z) into an RGBA image, `px` pixels a module. */
function rasterise({ size, d }: { size: number; d: string }, px = 4) {
  const w = size * px;
  const data = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const [, x, y, len] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-?\d+z/g)) {
    for (let yy = +y * px; yy < (+y + 1) * px; yy++)
      for (let xx = +x * px; xx < (+x + +len) * px; xx++) {
        const i = (yy * w + xx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
  }
  return { data, w };
}

describe('the printed QR codes', () => {
  it('encode the exhibit page marked as scanned, and a QR reader reads it back', () => {
    const url = exhibitQrUrl('https://vantage.example/', 'old-town museum', 'bronze-ding');
    expect(url).toBe('https://vantage.example/places/old-town%20museum/exhibits/bronze-ding?from=qr');
    const img = rasterise(qrPath(url));
    expect(jsQR(img.data, img.w, img.w)?.data).toBe(url);
  });

  it('keep a quiet zone of four modules around the code', () => {
    const { size, d } = qrPath('x');
    // Version 1 is 21 modules; the quiet zone adds 4 on each side.
    expect(size).toBe(29);
    const xs = [...d.matchAll(/M(\d+) (\d+)/g)].flatMap(([, x, y]) => [+x, +y]);
    expect(Math.min(...xs)).toBe(4);
    expect(Math.max(...xs)).toBe(24);
  });
});
