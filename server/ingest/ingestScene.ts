import { createHash } from 'node:crypto';
import path from 'node:path';
import type { SceneRecord } from '../places/placeRecord.ts';
import { sniffImageFormat } from './sniffImageFormat.ts';
import { tileEquirect } from './tileEquirect.ts';
import { encodingKey, tileEncodingFromEnv, type TileEncoding } from './tileEncodingFromEnv.ts';
import { writeCover } from './writeCover.ts';

/**
 * Bump when the tiler's output changes, so existing data re-tiles on the next ingest (the
 * demo flat re-tiles on the next start). 2: AVIF tiles with JPEG fallback.
 */
export const TILER_VERSION = '2';

export type SceneTiles = SceneRecord['tiles'];

/** The revision a photo tiles to: the same bytes always give the same folder (idempotent re-runs). */
export function tileRevision(bytes: Buffer, encoding: TileEncoding = tileEncodingFromEnv()): string {
  return createHash('sha256').update(TILER_VERSION).update(encodingKey(encoding)).update(bytes).digest('hex').slice(0, 12);
}

/**
 * Tiles one room's photo into tilesDir/<place>/<scene>/<rev>/ (pyramid, preview, cover).
 * Older revisions are left alone: visitors are served them until the place record points
 * at the new one (see storeScene). Skips the work when `previous` already has this
 * revision. Bad photos reject with an IngestError and leave nothing behind.
 */
export async function ingestScene(opts: {
  bytes: Buffer;
  name: string;
  placeId: string;
  sceneId: string;
  tilesDir: string;
  initialView: SceneRecord['initialView'];
  previous?: SceneTiles;
  onProgress?: (done: number, total: number) => void;
  /** Defaults to TILE_FORMAT / TILE_QUALITY from the environment, else AVIF with a JPEG fallback. */
  encoding?: TileEncoding;
}): Promise<{ tiles: SceneTiles; reused: boolean }> {
  sniffImageFormat(opts.bytes, `"${opts.name}"`);
  const encoding = opts.encoding ?? tileEncodingFromEnv();
  const rev = tileRevision(opts.bytes, encoding);
  if (opts.previous?.rev === rev) return { tiles: opts.previous, reused: true };
  const sceneDir = path.join(opts.tilesDir, opts.placeId, opts.sceneId);
  const outDir = path.join(sceneDir, rev);
  const result = await tileEquirect(opts.bytes, outDir, { ...encoding, name: opts.name, onProgress: opts.onProgress });
  await writeCover(opts.bytes, path.join(outDir, 'cover.jpg'), opts.initialView);
  return { tiles: { rev, levels: result.levels, previewFaceSize: result.previewFaceSize, format: result.tileFormat, ...(result.fallbackFormat && { fallback: result.fallbackFormat }) }, reused: false };
}
