export type ModelImageFormat = 'png' | 'jpeg' | 'webp' | 'ktx2';

export interface ImageSize {
  format: ModelImageFormat;
  width: number;
  height: number;
}

const KTX2_ID = [0xab, 0x4b, 0x54, 0x58, 0x20, 0x32, 0x30, 0xbb, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * An embedded image's format and declared size, read from its header alone — before any
 * decoder sees it, so a 100-byte PNG declaring 60000×60000 is caught without allocating.
 * Undefined when the bytes are none of the four formats a glTF may carry, or the header is cut.
 */
export function readImageSize(b: Uint8Array): ImageSize | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (at: number, len: number) => (b.length >= at + len ? String.fromCharCode(...b.subarray(at, at + len)) : '');
  if (b.length >= 24 && b[0] === 0x89 && ascii(1, 3) === 'PNG' && ascii(12, 4) === 'IHDR') {
    return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return readJpegSize(b, view);
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return readWebpSize(b, view, ascii(12, 4));
  if (b.length >= 28 && KTX2_ID.every((v, i) => b[i] === v)) {
    return { format: 'ktx2', width: view.getUint32(20, true), height: Math.max(1, view.getUint32(24, true)) };
  }
  return undefined;
}

function readJpegSize(b: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1];
    // Fill bytes and markers without a length.
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    const len = view.getUint16(at + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    if (marker === 0xda || len < 2) return undefined;
    at += 2 + len;
  }
  return undefined;
}

function readWebpSize(b: Uint8Array, view: DataView, chunk: string): ImageSize | undefined {
  if (chunk === 'VP8 ' && b.length >= 30) return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = view.getUint32(21, true);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    const w = b[24] | (b[25] << 8) | (b[26] << 16);
    const h = b[27] | (b[28] << 8) | (b[29] << 16);
    return { format: 'webp', width: w + 1, height: h + 1 };
  }
  return undefined;
}
