import { useEffect } from 'react';
import type { TourController } from '../viewer/TourController.ts';
import { tourSearch } from './tourUrl.ts';

const THROTTLE_MS = 300;

/**
 * Keeps the address bar on the current room and view (replaceState, throttled), so a
 * copied link reopens exactly this. Never adds history entries for looking around.
 */
export function useTourUrl(tour: TourController) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const write = () => {
      timer = null;
      const next = `${location.pathname}${tourSearch(tour.scene.id, tour.view.view)}`;
      if (next !== `${location.pathname}${location.search}`) history.replaceState(history.state, '', next);
    };
    const schedule = () => {
      if (!timer) timer = setTimeout(write, THROTTLE_MS);
    };
    const offView = tour.view.onChange(schedule);
    const offScene = tour.onScene(schedule);
    return () => {
      offView();
      offScene();
      if (timer) clearTimeout(timer);
    };
  }, [tour]);
}
