import { DEFAULT_QUALITY, type TileFormat } from './tileEquirect.ts';

/** How a scene's tiles are encoded: the tiler options that change the files. */
export interface TileEncoding {
  format: TileFormat;
  quality?: number;
  lossless?: boolean;
  fallback?: 'jpg';
}

/** AVIF where the browser decodes it (all current ones), the same tiles as JPEG for the rest. */
export const DEFAULT_TILE_ENCODING: TileEncoding = { format: 'avif', fallback: 'jpg' };

/**
 * TILE_FORMAT (avif | jpg | webp | webp-lossless) and TILE_QUALITY (1–100) override the
 * default encoding — for operators who need JPEG only, and for the benchmark's reference
 * (lossless) and before/after runs. A bad value stops the ingest with a sentence.
 */
export function tileEncodingFromEnv(env: NodeJS.ProcessEnv = process.env): TileEncoding {
  const f = env.TILE_FORMAT;
  const q = env.TILE_QUALITY;
  let enc: TileEncoding;
  if (!f || f === 'avif') enc = { ...DEFAULT_TILE_ENCODING };
  else if (f === 'jpg' || f === 'webp') enc = { format: f };
  else if (f === 'webp-lossless') enc = { format: 'webp', lossless: true };
  else throw new Error(`Vantage: TILE_FORMAT must be avif, jpg, webp or webp-lossless, got "${f}".`);
  if (q !== undefined && q !== '') {
    const n = Number(q);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`Vantage: TILE_QUALITY must be an integer 1–100, got "${q}".`);
    enc.quality = n;
  }
  return enc;
}

/** Part of the tile revision: a new encoding must land in a new folder (tiles are cached forever by URL). */
export function encodingKey(e: TileEncoding): string {
  // The effective quality, so a new default quality also lands in a new folder.
  return [e.format, e.lossless ? 'lossless' : (e.quality ?? DEFAULT_QUALITY[e.format]), e.fallback ?? ''].join(':');
}
