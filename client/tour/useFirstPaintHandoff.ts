import { useEffect, useLayoutEffect, useRef } from 'react';
import { takeFirstPaint } from '../boot/takeFirstPaint.ts';
import type { FirstPaint } from '../boot/FirstPaint.ts';
import type { TourController } from '../viewer/TourController.ts';

/** The first paint never outstays this: a viewer that cannot get sharp still shows what it has. */
const MAX_MS = 15_000;

/**
 * Hands the tour link's first paint (client/boot) over to WebGL. The paint lies under the
 * app; while the returned ref's element (.tour) has data-first-paint, styles.css makes it
 * transparent and hides the canvas, so the paint shows through under the tour's controls.
 * Once WebGL has drawn the view sharp — or as soon as the view or room changes, which the
 * paint cannot follow — the canvas shows and the paint goes, in the same frame. The paint
 * is never moved in the DOM: re-inserted images can be skipped by a frame while re-decoding.
 */
export function useFirstPaintHandoff(tour: TourController, placeId: string) {
  const root = useRef<HTMLDivElement>(null);
  const fp = useRef<FirstPaint | null>(null);
  // Before the browser paints .tour for the first time, or its opaque canvas would hide the paint for a frame.
  useLayoutEffect(() => {
    const taken = takeFirstPaint();
    if (!taken) return;
    if (taken.placeId !== placeId || taken.sceneId !== tour.scene.id || !root.current) return void taken.remove();
    fp.current = taken;
    root.current.dataset.firstPaint = '';
  }, [tour, placeId]);
  useEffect(() => {
    const painted = fp.current;
    const el = root.current;
    if (!painted || !el) return;
    let raf = 0;
    const offs: (() => void)[] = [];
    const done = () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      for (const off of offs) off();
      delete el.dataset.firstPaint;
      painted.remove();
      fp.current = null;
    };
    const timer = setTimeout(done, MAX_MS);
    offs.push(
      // Two frames after the status says sharp: the frame it was measured in has then been presented.
      tour.viewer.onStatus((s) => {
        if (s.sharp && !raf) raf = requestAnimationFrame(() => (raf = requestAnimationFrame(done)));
      }),
      tour.view.onChange(done),
      tour.onScene(done),
    );
    return done;
  }, [tour, placeId]);
  return root;
}
