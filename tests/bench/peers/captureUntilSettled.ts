import type { CDPSession } from 'playwright-core';
import type { ImageryLog } from './trackImagery.ts';

export interface Shot {
  /** ms since t0 when the capture was asked for: the frame shows the state at about that time. */
  at: number;
  png: Buffer;
}

/** "Settled": imagery was fetched, none is in flight and none has started or finished for this long. */
export const QUIET_MS = 1500;

/**
 * Screenshots the page back to back (device pixels, PNG) until it has settled, then once
 * more: the last shot is the final frame every earlier one is judged against. The
 * interval is whatever a capture costs (~0.1–0.4 s here), the same for every viewer.
 */
export async function captureUntilSettled(cdp: CDPSession, log: ImageryLog, t0: () => number, maxMs = 90_000): Promise<Shot[]> {
  const shots: Shot[] = [];
  const shoot = async () => {
    // Chromium refuses captures while a navigation commits ("Unable to capture screenshot"): retry.
    for (let tries = 0; ; tries++) {
      const at = performance.now() - t0();
      try {
        const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
        shots.push({ at, png: Buffer.from(data, 'base64') });
        return;
      } catch (err) {
        if (tries > 100) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  for (;;) {
    await shoot();
    const now = performance.now() - t0();
    if (log.done.length > 0 && log.inFlight() === 0 && now - log.lastActivity() >= QUIET_MS) break;
    if (now > maxMs) throw new Error(`bench: the view did not settle within ${maxMs / 1000} s (${log.inFlight()} imagery requests in flight)`);
  }
  await shoot();
  return shots;
}
