import type { SessionLookup } from '@protocol';
import { prefetchPlaceView } from './prefetchTour.ts';

/** The session page's chunk: App's lazy route and the join page's warm-up load the one module. */
export const importSessionPage = () => import('../routes/SessionPage.tsx');

/**
 * While a viewer types their name on the join page: the session page's code (with the 3D
 * bundle, ~1 MB), the place, and the group's room as the lead entered it, decoded. Joining
 * then opens the room at once instead of starting every download after the click.
 */
export function prefetchSession(lookup: SessionLookup): void {
  importSessionPage().catch(() => {});
  prefetchPlaceView(lookup.placeId, lookup.room.sceneId, lookup.room.view);
}
