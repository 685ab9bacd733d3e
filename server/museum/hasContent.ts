import type { PlaceRecord } from '../places/placeRecord.ts';

/**
 * Whether a place has something to visit, the condition for publishing it and for its public
 * pages: a room (a home's, a museum's hall), or — for a museum — an exhibit, or — for a show —
 * an angle (a show with no camera yet has nothing to watch).
 */
export function hasContent(p: Pick<PlaceRecord, 'kind' | 'scenes' | 'exhibits' | 'show'>): boolean {
  return p.scenes.length > 0 || (p.kind === 'museum' && (p.exhibits?.length ?? 0) > 0) || (p.kind === 'show' && (p.show?.angles.length ?? 0) > 0);
}
