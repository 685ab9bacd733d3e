import type { CDPSession, Page } from 'playwright-core';
import type { ImageryLog } from './trackImagery.ts';

export interface Shot {
  /** The page's performance.now() just before the capture was asked for: the frame shows the state at about that time. */
  at: number;
  png: Buffer;
}

/** "Settled": imagery was fetched, none is in flight and none has started or finished for this long. */
export const QUIET_MS = 1500;

/**
 * Screenshots the 1280×720 viewport back to back in device pixels (without the clip's
 * scale = DPR, CDP returns CSS pixels even under DPR emulation), as PNG, until it has
 * settled, then once more: the last shot is the final frame every earlier one is judged
 * against. Each shot is stamped with the page's own clock, the one resource timings use
 * (CDP network events reach Node late while a capture is in progress, so Node's clock
 * would undercount what had arrived). The interval is whatever a capture costs
 * (~0.1–0.6 s here), the same for every viewer.
 */
export async function captureUntilSettled(page: Page, cdp: CDPSession, log: ImageryLog, dpr: number, maxMs = 90_000): Promise<Shot[]> {
  const shots: Shot[] = [];
  const started = performance.now();
  const shoot = async () => {
    // Chromium refuses captures and evaluations while a navigation commits: retry.
    for (let tries = 0; ; tries++) {
      try {
        const at = await page.evaluate(() => performance.now());
        const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, clip: { x: 0, y: 0, width: 1280, height: 720, scale: dpr } });
        shots.push({ at, png: Buffer.from(data, 'base64') });
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
    if (finished !== seen) (seen = finished), (seenAt = performance.now());
    const now = performance.now() - log.t0();
    const quiet = now - log.lastActivity() >= QUIET_MS && performance.now() - seenAt >= QUIET_MS;
    if ((log.done.length > 0 || seen > 0) && log.inFlight() === 0 && quiet) break;
    if (performance.now() - started > maxMs) throw new Error(`bench: the view did not settle within ${maxMs / 1000} s (${log.inFlight()} imagery requests in flight)`);
  }
  await shoot();
  return shots;
}
