import type { Context } from 'hono';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';
import { angleIdSchema, type ShowStatus } from '../protocol/index.ts';
import { serveFile } from '../static/serveFile.ts';
import { loopPlaylist, type LoopShape } from './loopPlaylist.ts';

const PLACE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A loop segment's file name, as the demo and `npm run live` write them; nothing else is served. */
const SEGMENT = /^seg-(0|[1-9][0-9]{0,3})\.ts$/;
/**
 * A segment's bytes never change under its name while the loop is stored; a shared cache
 * keeps it minutes only, so an ended or withdrawn show stops being served soon.
 */
const SEGMENT_CACHE = 'public, max-age=86400, s-maxage=300, immutable';
/** How long one instance trusts what it read of a place (every angle's playlist asks every segment length). */
const PLACE_TTL_MS = 2_000;
/** A loop's still (the catalogue's and the player's before the video plays); replaced only when the loop is. */
const POSTER = 'poster.jpg';
const POSTER_CACHE = 'public, max-age=3600';
/** A loop plays while its show is on the air; before it starts or after it ends, its angles are offline. */
const ON_AIR: readonly ShowStatus[] = ['live', 'replay'];

/** The loop an angle plays, if the place is a published show on the air and the angle is a loop. */
export function loopOf(place: PlaceRecord | null, angleId: string): LoopShape | null {
  return place?.show && ON_AIR.includes(place.show.status) ? publishedLoop(place, angleId) : null;
}

/** The loop of a published show's angle, on the air or not (its still is the catalogue's cover before the show starts). */
function publishedLoop(place: PlaceRecord | null, angleId: string): LoopShape | null {
  if (!place?.published || place.kind !== 'show' || !place.show) return null;
  const source = place.show.angles.find((a) => a.id === angleId)?.source;
  return source?.kind === 'loop' ? { segmentSeconds: source.segmentSeconds, segments: source.segments } : null;
}

/**
 * GET /live/<place>/<angle>/index.m3u8, …/seg-<n>.ts and …/poster.jpg: a stored loop
 * (`<tilesDir>/<place>/_show/<angle>/loop/`) served as a live stream, its playlist made from
 * the clock on each request (loopPlaylist). Anything not on the air is the same 404 as a
 * missing file. `now` is for tests.
 */
export function createLiveHandler(deps: { places: PlaceStore; tilesDir: string; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<PlaceRecord | null> }>();
  const place = (id: string): Promise<PlaceRecord | null> => {
    const at = Date.now();
    const hit = cache.get(id);
    if (hit && at - hit.at < PLACE_TTL_MS) return hit.value;
    if (cache.size > 10_000) cache.clear();
    const value = deps.places.get(id).catch(() => null);
    cache.set(id, { at, value });
    return value;
  };
  const notFound = (c: Context) => c.text('Not found', 404, { 'cache-control': 'no-store' });

  return async (c: Context) => {
    const placeId = c.req.param('placeId') ?? '';
    const angleId = c.req.param('angleId') ?? '';
    const file = c.req.param('file') ?? '';
    if (!PLACE_ID.test(placeId) || !angleIdSchema.safeParse(angleId).success) return notFound(c);
    const segment = SEGMENT.exec(file);
    if (file !== 'index.m3u8' && file !== POSTER && !segment) return notFound(c);
    const record = await place(placeId);
    if (file === POSTER) return (publishedLoop(record, angleId) && (await serveFile(deps.tilesDir, `${placeId}/_show/${angleId}/loop/${POSTER}`, POSTER_CACHE))) || notFound(c);
    const loop = loopOf(record, angleId);
    if (!loop) return notFound(c);
    if (segment) {
      if (Number(segment[1]) >= loop.segments) return notFound(c);
      return (await serveFile(deps.tilesDir, `${placeId}/_show/${angleId}/loop/${file}`, SEGMENT_CACHE)) ?? notFound(c);
    }
    // Segment URIs relative to the playlist: the same origin and path prefix, whatever proxy is in front.
    const body = loopPlaylist({ ...loop, baseUrl: '', now: now() });
    return c.body(body, 200, { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-cache' });
  };
}
