/**
 * The tour link's first paint: a few hundred bytes of script the server inlines into the
 * tour HTML (built on its own by bootScriptPlugin, no React, three.js or zod). It reads the
 * place the server put beside it and paints the link's view from the preview and the
 * first tiles, so the room shows while the app and the 3D bundle are still downloading.
 * The tour page takes the layer over and removes it once WebGL draws the same view.
 */
import { TOUR_BOOT_ID, type TourBoot } from '@protocol/tourBoot.ts';
import { mountFirstPaint } from './mountFirstPaint.ts';
import { startApp } from './startApp.ts';
import { appendPreloads } from './appendPreloads.ts';
import type { FirstPaint } from './FirstPaint.ts';
import { applyAppStyles } from './applyAppStyles.ts';

// First: the stylesheet links below this script must find the listener when they arrive.
applyAppStyles(document);

const data = document.getElementById(TOUR_BOOT_ID)?.textContent;
let boot: TourBoot | undefined;
let painted: FirstPaint | null = null;
try {
  boot = data ? (JSON.parse(data) as TourBoot) : undefined;
  if (boot) painted = paint(boot);
} catch (e) {
  // Only an optimisation: the tour page loads the view itself either way.
  console.warn('Vantage: no first paint', e);
} finally {
  // Whatever became of the paint, the app starts (its images, if any, are already asked for).
  if (boot?.app) startApp(document, boot.app, painted?.ready);
}

function paint(boot: TourBoot): FirstPaint | null {
  // The canvas fills the window and R3F renders at the device ratio capped at 2 (TourView's dpr).
  // The root's client size, not innerWidth: on a phone the window is 980 px wide until the first
  // layout applies the viewport meta above this script, and reading the root's size runs that
  // layout now (innerWidth read here painted the view for 980 px, then the resize removed it).
  const root = document.documentElement;
  const painted = mountFirstPaint(document, boot, root.clientWidth || innerWidth, root.clientHeight || innerHeight, Math.min(devicePixelRatio || 1, 2));
  if (!painted) return null;
  window.__vantageFirstPaint = painted;
  // The 3D code after the images: on a slow link they would otherwise share it.
  void painted.ready.then(() => appendPreloads(document, boot.preload?.modules ?? [], boot.preload?.styles ?? []));
  return painted;
}
