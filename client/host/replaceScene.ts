import type { HostPlace, Scene } from '@protocol';

/** The place with one room swapped for the copy a PATCH returned (nothing else refetched). */
export function replaceScene(place: HostPlace, scene: Scene): HostPlace {
  return { ...place, tour: { ...place.tour, scenes: place.tour.scenes.map((s) => (s.id === scene.id ? scene : s)) } };
}
