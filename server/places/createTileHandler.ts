import type { Context } from 'hono';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { withByteRange } from '../museum/withByteRange.ts';
import { resolveInside, serveFile } from '../static/serveFile.ts';
import { createTileGrants } from './createTileGrants.ts';
import type { PlaceStore } from './PlaceStore.ts';

/**
 * Public tiles: a visitor's browser keeps them a day (a revisit never re-downloads a room),
 * a shared cache (CDN) for five minutes, so a listing that is withdrawn stops being served
 * from caches within minutes rather than a year. Tile URLs carry the ingest revision, so
 * they never change under a cached copy.
 */
const PUBLIC_TILE_CACHE = 'public, max-age=86400, s-maxage=300, immutable';
/** A live playlist `npm run live` rewrites every segment: asked again each time (its segments keep their names, so they may be kept). */
const LIVE_PLAYLIST_CACHE = 'no-cache';
/** Through a host's grant: the host's own browser only. */
const GRANTED_TILE_CACHE = 'private, max-age=3600';
/** How long one instance trusts what it read of a place's published flag. */
const PUBLISHED_TTL_MS = 5_000;
const PLACE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/**
 * Types an exhibit's files need that the static table lacks: Quick Look opens a USDZ only
 * as model/vnd.usdz+zip, and an info point's audio plays from its own type (nosniff is set).
 */
const EXHIBIT_TYPES: Record<string, string> = {
  usdz: 'model/vnd.usdz+zip',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
};

/**
 * The file's response with the exhibit type its extension calls for, when it has one; audio
 * answers a Range request with the part asked for (Safari plays audio only that way).
 */
function typed(res: Response | null, root: string, rel: string, range: string | undefined): Response | null {
  const type = res && EXHIBIT_TYPES[rel.slice(rel.lastIndexOf('.') + 1).toLowerCase()];
  if (!res || !type) return res;
  res.headers.set('content-type', type);
  const full = type.startsWith('audio/') && resolveInside(root, rel);
  return full ? withByteRange(res, full, range) : res;
}

/**
 * GET /tiles/<place>/… — the files (tiles, plan, dollhouse, exhibits) of published places to everyone, and of any place to
 * the holder of a grant for it (`/tiles/<place>/~<grant>/…`, see createTileGrants). Anything
 * else is the same 404, so an unpublished place's files cannot be told from missing ones.
 */
export function createTileHandler(deps: { places: PlaceStore; signer: TokenSigner; tilesDir: string }) {
  const grants = createTileGrants(deps.signer);
  // Every tile of a tour asks; one read of the place per few seconds answers them all.
  const published = new Map<string, { at: number; value: Promise<boolean> }>();
  const isPublished = (placeId: string): Promise<boolean> => {
    const now = Date.now();
    const hit = published.get(placeId);
    if (hit && now - hit.at < PUBLISHED_TTL_MS) return hit.value;
    if (published.size > 10_000) published.clear();
    const value = deps.places.get(placeId).then((p) => Boolean(p?.published), () => false);
    published.set(placeId, { at: now, value });
    return value;
  };
  const notFound = (c: Context) => c.text('Not found', 404, { 'cache-control': 'no-store' });

  return async (c: Context) => {
    const [placeId, second, ...rest] = c.req.path.slice('/tiles/'.length).split('/');
    if (!PLACE_ID.test(placeId) || second === undefined) return notFound(c);
    if (second.startsWith('~')) {
      if (!grants.allows(second.slice(1), placeId)) return notFound(c);
      const rel = [placeId, ...rest].join('/');
      return typed(await serveFile(deps.tilesDir, rel, GRANTED_TILE_CACHE), deps.tilesDir, rel, c.req.header('range')) ?? notFound(c);
    }
    if (!(await isPublished(placeId))) return notFound(c);
    const rel = [placeId, second, ...rest].join('/');
    const cache = second === '_show' && rel.endsWith('.m3u8') ? LIVE_PLAYLIST_CACHE : PUBLIC_TILE_CACHE;
    return typed(await serveFile(deps.tilesDir, rel, cache), deps.tilesDir, rel, c.req.header('range')) ?? notFound(c);
  };
}
