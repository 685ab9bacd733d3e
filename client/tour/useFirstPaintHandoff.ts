import { useEffect, useLayoutEffect, useRef } from 'react';
import { takeFirstPaint } from '../boot/takeFirstPaint.ts';
import type { FirstPaint } from '../boot/FirstPaint.ts';
import { CoverHandoff } from '../viewer/CoverHandoff.ts';
import type { TourController } from '../viewer/TourController.ts';

/** The first paint never outstays this: a viewer that cannot get sharp still shows what it has. */
const MAX_MS = 15_000;

/**
 * Hands the tour link's first paint (client/boot) over to WebGL; when is CoverHandoff's
 * rule. The paint lies under the app; while the returned ref's element (.tour) has
 * data-first-paint, styles.css makes it transparent and hides the canvas, so the paint
 * shows through under the tour's controls. The canvas shows and the paint goes in the same
 * frame. The paint is never moved in the DOM: re-inserted, its layers can miss a frame
 * while they are redrawn.
 */
export function useFirstPaintHandoff(tour: TourController, placeId: string) {
  const root = useRef<HTMLDivElement>(null);
  const fp = useRef<FirstPaint | null>(null);
  const handoff = useRef<CoverHandoff | null>(null);
  // Before the browser paints .tour for the first time, or its opaque canvas would hide the paint for a frame.
  useLayoutEffect(() => {
    const taken = takeFirstPaint();
    if (!taken) return;
    if (taken.placeId !== placeId || taken.sceneId !== tour.scene.id || !root.current) return void taken.remove();
    fp.current = taken;
    root.current.dataset.firstPaint = '';
    handoff.current = new CoverHandoff(tour.viewer);
  }, [tour, placeId]);
  useEffect(() => {
    const painted = fp.current;
    const el = root.current;
    const h = handoff.current;
    if (!painted || !el || !h) return;
    h.watch([(l) => tour.view.onChange(l), (l) => tour.onScene(() => l())], MAX_MS, () => {
      delete el.dataset.firstPaint;
      painted.remove();
      fp.current = null;
      handoff.current = null;
    });
    return () => h.end();
  }, [tour, placeId]);
  return root;
}
