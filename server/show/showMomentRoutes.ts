import { Hono } from 'hono';
import { ApiError } from '../http/ApiError.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { normaliseJoinCode, SHOW_MOMENTS_MAX, type ShowMoment } from '../protocol/index.ts';
import type { ShowMomentStore } from './ShowMomentStore.ts';

/**
 * GET /api/places/:id/moments[?party=<join code>]: a published show's watch-party moments for
 * its replay, in stream-time order — every party's reactions, and the chat of the party named
 * (a reader who has its join code was invited to it). Anything else is the place's 404.
 */
export function showMomentRoutes(deps: { places: PlaceStore; moments: ShowMomentStore }) {
  const app = new Hono();
  app.get('/:id/moments', async (c) => {
    const id = c.req.param('id');
    const place = await deps.places.get(id);
    if (!place || !place.published || place.kind !== 'show') throw new ApiError(404, 'place_not_found', `No show "${id.slice(0, 64)}".`);
    const party = c.req.query('party');
    let sessionCode: string | undefined;
    if (party !== undefined) {
      sessionCode = normaliseJoinCode(party.slice(0, 40)) ?? undefined;
      if (!sessionCode) throw new ApiError(400, 'invalid_query', 'party: that is not a session code (10 letters and digits, as in the invitation).', 'party');
    }
    const moments: ShowMoment[] = await deps.moments.list(place.id, { sessionCode, max: SHOW_MOMENTS_MAX });
    // Moments change while a party watches live; a replay reads them once per page.
    return c.json({ moments }, 200, { 'cache-control': 'no-store' });
  });
  return app;
}
