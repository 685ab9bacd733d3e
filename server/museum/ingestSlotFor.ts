import { ApiError } from '../http/ApiError.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { createSemaphore } from '../routes/createSemaphore.ts';

/** Uploads that may wait for the ingest slot; one more is told to come back (each holds its file in memory). */
export const INGEST_MAX_WAITING = 4;
/** What Retry-After says to an upload refused because the queue is full. */
export const INGEST_RETRY_AFTER_SECONDS = 60;

const slots = new WeakMap<PlaceStore, ReturnType<typeof createSemaphore>>();

/**
 * The one ingest slot of a server (keyed by its place store): room photos (hostRoutes) and
 * exhibit models (exhibitRoutes) each take a core and hundreds of MB, so they take turns, one
 * at a time, with at most INGEST_MAX_WAITING queued; beyond that the upload is refused with 503.
 */
export function ingestSlotFor(places: PlaceStore) {
  let slot = slots.get(places);
  if (!slot) {
    slot = createSemaphore(1, {
      maxWaiting: INGEST_MAX_WAITING,
      busy: () => new ApiError(503, 'busy', 'Vantage is busy processing other uploads — try again in a minute.', undefined, { retryAfter: INGEST_RETRY_AFTER_SECONDS }),
    });
    slots.set(places, slot);
  }
  return slot;
}
