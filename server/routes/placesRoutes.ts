import { Hono } from 'hono';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { toPlaceSummary, toPublicPlace } from '../places/toPublicPlace.ts';
import { ApiError } from '../http/ApiError.ts';
import { hasContent } from '../museum/hasContent.ts';

/** Public, read-only place API: unpublished places do not exist here. */
export function placesRoutes(deps: { places: PlaceStore; assetBaseUrl: string }) {
  const app = new Hono();
  app.get('/', async (c) => {
    const all = await deps.places.list();
    return c.json(all.filter((p) => p.published && hasContent(p)).map((p) => toPlaceSummary(deps.assetBaseUrl, p)));
  });
  app.get('/:id', async (c) => {
    const place = await deps.places.get(c.req.param('id'));
    if (!place || !place.published || !hasContent(place)) throw new ApiError(404, 'place_not_found', `No place "${c.req.param('id').slice(0, 64)}".`);
    return c.json(toPublicPlace(deps.assetBaseUrl, place));
  });
  return app;
}
