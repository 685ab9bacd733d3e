import { matchPageRoute } from '@protocol/pageRoutes.ts';
import { earlyPlace } from '../app/prefetchTour.ts';
import { prefetchModel } from './earlyModel.ts';
import { prefetchRoomEnvironment } from './earlyRoomEnvironment.ts';
import { deviceHints, pickRendition } from './pickRendition.ts';

/**
 * On an exhibit link, asks for the place and then the model (the rendition this device
 * will load) while the page's code downloads: the model is the longest wait of the page,
 * and nothing about it needs React, three.js or a canvas to start.
 */
export function prefetchExhibit(pathname: string): void {
  const route = matchPageRoute(pathname);
  if (route?.page !== 'exhibit') return;
  // The light every exhibit is drawn in: needed by the first frame as much as the model is.
  prefetchRoomEnvironment();
  void earlyPlace(route.placeId).then((place) => {
    const exhibit = place?.exhibits?.find((e) => e.id === route.exhibitId);
    if (!exhibit) return;
    prefetchModel(pickRendition(exhibit, deviceHints()).url);
    // The poster is what the visitor sees until the first frame: in the cache by the time the page asks.
    new Image().src = exhibit.posterUrl;
  });
}
