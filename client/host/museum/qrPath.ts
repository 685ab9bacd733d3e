import { create } from 'qrcode';

/**
 * A QR code as one SVG path of unit squares, with its size in modules (quiet zone
 * included). Encoded here, in the page: no image service sees the museum's links.
 * Medium error correction survives a smudged or partly covered print.
 */
export function qrPath(text: string, quiet = 4): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    // Runs of dark modules on a row become one rectangle: a far shorter path than a square each.
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${start + quiet} ${y + quiet}h${x - start}v1h${start - x}z`;
    }
  }
  return { size: n + quiet * 2, d };
}
