import type { FirstPaint } from './FirstPaint.ts';

/** The tour link's first paint, once: whoever takes it owns removing it. */
export function takeFirstPaint(): FirstPaint | null {
  const fp = window.__vantageFirstPaint ?? null;
  window.__vantageFirstPaint = undefined;
  return fp;
}

/** Removes the first paint when the page shows something else (an error, not found, no WebGL). */
export function dismissFirstPaint(): void {
  takeFirstPaint()?.remove();
}
