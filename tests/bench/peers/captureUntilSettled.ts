import type { CDPSession, Page } from 'playwright-core';
import type { ImageryLog } from './trackImagery.ts';

export interface Shot {
  /**
   * When the capture had come back, on the page's clock (performance.now(), the clock
   * resource timings use): the frame shows the page as it was at this moment or earlier.
   */
  at: number;
  png: Buffer;
}

/** "Settled": imagery was fetched, none is in flight and none has started or finished for this long. */
export const QUIET_MS = 1500;

/**
 * Screenshots the 1280×720 viewport back to back in device pixels (benchContext emulates
 * the DPR on this CDP session too, so a clip at scale 1 is in device pixels), as PNG, until it has
 * settled, then once more: the last shot is the final frame every earlier one is judged
 * against. The interval is whatever a capture costs (~0.05–0.7 s here, longer while a
 * page keeps its main thread or GPU busy).
 *
 * Each shot is stamped with the moment its capture returned, not when it was asked for:
 * a busy page can take most of a second to hand a frame over, and the frame may show
 * anything that arrived meanwhile. Stamped at the request, a slow page's frames would be
 * credited with tiles that came later. The stamp is the page's clock read from Node's
 * (both are the system clock: the page's is performance.timeOrigin + performance.now()),
 * so no evaluation — which waits for a busy main thread — is needed per shot.
 */
export async function captureUntilSettled(page: Page, cdp: CDPSession, log: ImageryLog, maxMs = 90_000): Promise<Shot[]> {
  const shots: Shot[] = [];
  const started = performance.now();
  let origin: number | undefined;
  const shoot = async () => {
    // Chromium refuses captures and evaluations while a navigation commits: retry.
    for (let tries = 0; ; tries++) {
      try {
        origin ??= await page.evaluate(() => performance.timeOrigin);
        const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, clip: { x: 0, y: 0, width: 1280, height: 720, scale: 1 } });
        shots.push({ at: performance.timeOrigin + performance.now() - origin, png: Buffer.from(data, 'base64') });
        return;
      } catch (err) {
        if (tries > 100) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  // The page's own count of finished imagery backs up CDP's (whose events can be missed after a renderer swap).
  let seen = 0, seenAt = performance.now();
  for (;;) {
    await shoot();
    const finished = await page.evaluate(() => performance.getEntriesByType('resource').length).catch(() => seen);
    if (finished !== seen) {
      seen = finished;
      seenAt = performance.now();
    }
    const now = performance.now() - log.t0();
    const quiet = now - log.lastActivity() >= QUIET_MS && performance.now() - seenAt >= QUIET_MS;
    if ((log.done.length > 0 || seen > 0) && log.inFlight() === 0 && quiet) break;
    if (performance.now() - started > maxMs) throw new Error(`bench: the view did not settle within ${maxMs / 1000} s (${log.inFlight()} imagery requests in flight)`);
  }
  await shoot();
  return shots;
}
