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
 * Once WebGL has drawn the view sharp — or, when the view or room changes (which the paint
 * cannot follow), as soon as WebGL has drawn the room at all — the canvas shows and the
 * paint goes, in the same frame: never an undrawn canvas. The paint
 * is never moved in the DOM: re-inserted, its layers can miss a frame while they are redrawn.
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
    tour.viewer.covered = true;
  }, [tour, placeId]);
  useEffect(() => {
    const painted = fp.current;
    const el = root.current;
    if (!painted || !el) return;
    let raf = 0;
    /** What WebGL must have drawn before the paint goes: the view sharp, or (once the view or room moved) anything of the room. */
    let want: 'sharp' | 'room' | null = null;
    const offs: (() => void)[] = [];
    const done = () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      for (const off of offs) off();
      delete el.dataset.firstPaint;
      tour.viewer.covered = false;
      painted.remove();
      fp.current = null;
    };
    // Checked every frame until the canvas has drawn what is wanted; one frame more, and that frame has been presented.
    const check = () => {
      const d = tour.viewer.drawn;
      const ok = d && d.sceneId === tour.viewer.sceneId && (want === 'room' ? d.previewReady : d.sharp);
      raf = requestAnimationFrame(ok ? done : check);
    };
    const leave = (w: 'sharp' | 'room') => {
      if (want !== 'room') want = w;
      if (!raf) raf = requestAnimationFrame(check);
    };
    const timer = setTimeout(done, MAX_MS);
    offs.push(
      tour.viewer.onStatus((s) => s.sharp && leave('sharp')),
      tour.view.onChange(() => leave('room')),
      tour.onScene(() => leave('room')),
    );
    return done;
  }, [tour, placeId]);
  return root;
}
