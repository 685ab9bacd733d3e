import { useEffect, useRef } from 'react';
import { sendTourEvents } from '../booking/bookingApi.ts';
import { TourEventBatcher } from '../booking/TourEventBatcher.ts';
import { visitorId } from '../booking/visitorId.ts';

const FLUSH_MS = 15_000;

/**
 * Anonymous tour analytics for the host's funnel: a tour view, each room entered and the
 * time spent there, batched and sent with sendBeacon on room change, every 15 s and when
 * the page is hidden or left. Call it once in the tour with the current room's id.
 */
export function useTourAnalytics(sceneId: string | null | undefined, placeId: string): void {
  const batcher = useRef<TourEventBatcher | null>(null);
  useEffect(() => {
    const b = new TourEventBatcher(placeId, sendTourEvents, visitorId());
    batcher.current = b;
    b.start(null);
    const timer = window.setInterval(() => b.flush(), FLUSH_MS);
    const onVisibility = () => {
      b.setHidden(document.visibilityState === 'hidden');
      if (document.visibilityState === 'hidden') b.flush(true);
    };
    const onPageHide = () => b.flush(true);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      b.flush(true);
      batcher.current = null;
    };
  }, [placeId]);
  useEffect(() => {
    if (!sceneId || !batcher.current) return;
    batcher.current.enter(sceneId);
    batcher.current.flush();
  }, [sceneId, placeId]);
}
