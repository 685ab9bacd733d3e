/** What an info point's file may be, found from its first bytes (never its name or declared type). */
export type MediaSniff = { kind: 'image'; ext: 'jpg' | 'png' | 'webp' } | { kind: 'audio'; ext: 'mp3' | 'm4a' | 'ogg' | 'wav' };

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/**
 * JPEG, PNG, WebP images; MP3, AAC/M4A, Ogg (Vorbis, Opus) and WAV audio. Anything else
 * (SVG with scripts, HTML, a ZIP) is null, so it is refused before it is stored or served.
 */
export function sniffMedia(b: Uint8Array): MediaSniff | null {
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', ext: 'jpg' };
  if (b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return { kind: 'image', ext: 'png' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return { kind: 'image', ext: 'webp' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return { kind: 'audio', ext: 'wav' };
  if (ascii(b, 0, 4) === 'OggS') return { kind: 'audio', ext: 'ogg' };
  if (ascii(b, 4, 8) === 'ftyp' && /^(M4A |M4B |mp42|isom|mp41|iso2|dash)$/.test(ascii(b, 8, 12))) return { kind: 'audio', ext: 'm4a' };
  // An ID3 tag, or an MPEG audio frame header (11 sync bits, layer III).
  if (ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe6) === 0xe2)) return { kind: 'audio', ext: 'mp3' };
  return null;
}
