import type { Place, View } from '@protocol';
import { tourPlaceId } from '@protocol/pageRoutes.ts';
import { parseTourParams } from '../tour/tourUrl.ts';
import { peekBootPlace } from './bootPlace.ts';
import { decodableFormats, tourForBrowser } from '../viewer/decodableFormats.ts';
import { prefetchBitmaps } from '../viewer/fetchBitmap.ts';
import { firstViewTiles } from '../viewer/firstViewTiles.ts';

const earlyPlaces = new Map<string, Promise<Response>>();

/** The place response prefetchTour already asked for, once (fetchPlace reads it instead of asking again). */
export function takeEarlyPlace(id: string): Promise<Response> | undefined {
  const p = earlyPlaces.get(id);
  earlyPlaces.delete(id);
  return p;
}

/** Asks for place `id` now (once), for fetchPlace to take; null when it cannot be had. */
export function earlyPlace(id: string): Promise<Place | null> {
  const res = earlyPlaces.get(id) ?? fetch(`/api/places/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } });
  earlyPlaces.set(id, res);
  return res.then((r) => (r.ok ? (r.clone().json() as Promise<Place>) : null)).catch(() => null);
}

/**
 * On a tour link, asks for the place and then the first view's preview and tiles before
 * React and the 3D bundle (~1 MB) have loaded: by the time the first frame can be drawn,
 * what it draws is already decoded. Anything wrong here is left to the page to report.
 */
export function prefetchTour(pathname: string, search: string): void {
  const id = tourPlaceId(pathname);
  if (!id) return;
  const params = parseTourParams(search);
  prefetchPlaceView(id, params.sceneId, params.view);
}

/**
 * Asks for place `id` (for fetchPlace to take) and then the preview and tiles of `sceneId`
 * (the start room when undefined) at `view`, decoded, for the viewer to adopt.
 */
export function prefetchPlaceView(id: string, sceneId: string | undefined, view: Partial<View>): void {
  // A tour link's HTML carries the place, and its first paint has already fetched and
  // decoded these images: the viewer takes them over from it.
  const inline = peekBootPlace(id);
  let place: Promise<Place | null>;
  if (inline) place = Promise.resolve(inline);
  else {
    place = earlyPlace(id);
  }
  Promise.all([place, decodableFormats()])
    .then(([place, formats]) => {
      if (!place) return;
      const tour = tourForBrowser(place.tour, formats);
      const scene = tour.scenes.find((s) => s.id === (sceneId ?? tour.startScene)) ?? tour.scenes[0];
      // The canvas fills the window; R3F renders at the device ratio capped at 2 (TourView's dpr).
      prefetchBitmaps(firstViewTiles(scene, view, innerWidth, innerHeight, Math.min(devicePixelRatio || 1, 2)), window.__vantageFirstPaint?.bitmaps);
    })
    .catch(() => {});
}
