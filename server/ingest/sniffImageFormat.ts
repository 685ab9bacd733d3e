import { IngestError } from './IngestError.ts';

export type PhotoFormat = 'jpeg' | 'png' | 'webp';

/**
 * The photo's real format from its first bytes — never from its name or declared type.
 * Only JPEG, PNG and WebP are accepted: SVG (scripts), HTML, ZIP and the rest are refused
 * before any decoder sees them.
 */
export function sniffImageFormat(bytes: Uint8Array, label: string): PhotoFormat {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'webp';
  throw new IngestError('not-image', `Vantage: ${label} is not a JPEG, PNG or WebP photo — upload the equirectangular panorama your 360° camera exported.`);
}
