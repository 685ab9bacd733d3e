import path from 'node:path';
import { ingestScene, tileRevision, type SceneTiles } from '../ingest/ingestScene.ts';
import { encodingKey, tileEncodingFromEnv } from '../ingest/tileEncodingFromEnv.ts';
import { cachedDemoOutput, demoCacheKey } from './demoOutputCache.ts';

/**
 * ingestScene for a demo photo, through the demo output cache: a fresh data folder copies the
 * tiles another start already made (same photo bytes, encoding, initial view and tiler code)
 * instead of tiling again. `cached` says the tiles came from the cache.
 */
export async function ingestDemoScene(
  opts: Parameters<typeof ingestScene>[0] & { cacheDir: string | null; ingest?: typeof ingestScene; log?: (line: string) => void },
): Promise<{ tiles: SceneTiles; reused: boolean; cached: boolean }> {
  const { cacheDir, ingest = ingestScene, log, ...scene } = opts;
  const encoding = scene.encoding ?? tileEncodingFromEnv();
  const rev = tileRevision(scene.bytes, encoding);
  if (scene.previous?.rev === rev) return { tiles: scene.previous, reused: true, cached: false };
  // The cover is drawn at the initial view, which the revision does not cover: it is part of the key.
  const key = await demoCacheKey('scene', { encoding: encodingKey(encoding), initialView: scene.initialView }, scene.bytes);
  const { value, hit } = await cachedDemoOutput({
    cacheDir,
    key,
    outDir: path.join(scene.tilesDir, scene.placeId, scene.sceneId, rev),
    produce: async () => (await ingest({ ...scene, encoding, previous: undefined })).tiles,
    log,
  });
  return { tiles: value, reused: false, cached: hit };
}
