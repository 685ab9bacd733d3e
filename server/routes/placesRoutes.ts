import { Hono } from 'hono';
import type { Place } from '../protocol/index.ts';
import { placeCoordinates } from '../protocol/index.ts';
import type { HostStore } from '../db/createHostStore.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';
import { toPlaceSummary, toPublicPlace } from '../places/toPublicPlace.ts';
import { toAgentProfile } from '../agents/toAgentProfile.ts';
import { ApiError } from '../http/ApiError.ts';
import { hasContent } from '../museum/hasContent.ts';

/**
 * The listing as its page shows it: the place, its agent's public profile (not while the
 * agent is disabled: visitors would call someone who left) and the map tiles to draw it with.
 */
export async function toListing(deps: { hosts: HostStore; assetBaseUrl: string; mapTileUrl?: string }, place: PlaceRecord): Promise<Place> {
  const host = place.hostId ? await deps.hosts.get(place.hostId) : null;
  return {
    ...toPublicPlace(deps.assetBaseUrl, place),
    ...(host && !host.disabledAt && { agent: toAgentProfile(host) }),
    ...(deps.mapTileUrl && placeCoordinates(place) && { mapTileUrl: deps.mapTileUrl }),
  };
}

/** Public, read-only place API: unpublished places do not exist here. */
export function placesRoutes(deps: { places: PlaceStore; hosts: HostStore; assetBaseUrl: string; mapTileUrl?: string }) {
  const app = new Hono();
  app.get('/', async (c) => {
    const all = await deps.places.list();
    return c.json(all.filter((p) => p.published && hasContent(p)).map((p) => toPlaceSummary(deps.assetBaseUrl, p)));
  });
  app.get('/:id', async (c) => {
    const place = await deps.places.get(c.req.param('id'));
    if (!place || !place.published || !hasContent(place)) throw new ApiError(404, 'place_not_found', `No place "${c.req.param('id').slice(0, 64)}".`);
    return c.json(await toListing(deps, place));
  });
  return app;
}
