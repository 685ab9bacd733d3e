import type { Browser } from 'playwright-core';
import { benchContext } from './benchContext.ts';
import { viewerUrl, type BenchTarget, type ViewerId } from './BenchTarget.ts';
import type { BenchView } from './renderReference.ts';
import { trackImagery } from './trackImagery.ts';

export interface PanResult {
  frames: number;
  medianMs: number;
  longFrames: number;
  /**
   * Frames of three refreshes or more (≥ SLOW_FRAME_MS): the same yardstick for every viewer.
   * "Long" is relative to the viewer's own median, so a viewer that mostly holds 60 Hz
   * (median 17 ms) counts its 50 ms frames while one at 30 Hz (median 33 ms) does not.
   */
  slowFrames: number;
  meanMs: number;
  /** Imagery requests that finished during the pan (the pan is meant to happen while tiles stream). */
  fetchedDuring: number;
}

/**
 * rAF intervals are whole display refreshes (16.7 ms here) plus sub-millisecond timer noise:
 * without a tolerance, a frame of exactly two refreshes against a median of one is "more
 * than twice the median" or not by that noise alone (33.34 vs 33.33 ms).
 */
const LONG_TOLERANCE_MS = 1;

/** Three refreshes at 60 Hz (50 ms) less the timer noise: a frame that missed two vsyncs in a row. */
const SLOW_FRAME_MS = 45;

/** Pan length: a full turn in 4 s, with a ±10° nod so rows of tiles change too. */
const PAN_MS = 4000;

/**
 * Scripted pan while tiles stream: load cold (throttled, so tiles keep arriving), start as
 * soon as the first imagery response is in, and turn the view every animation frame through
 * window.__bench.setView; the frame intervals come from requestAnimationFrame in the page.
 * Long frame = more than twice the median interval (plus LONG_TOLERANCE_MS).
 */
export async function measurePan(browser: Browser, opts: { base: string; viewer: ViewerId; target: BenchTarget; room: string; view: BenchView; dpr: number; throttled: boolean }): Promise<PanResult> {
  const { ctx, page, cdp } = await benchContext(browser, opts.base, opts.dpr, opts.throttled);
  try {
    const start = performance.now();
    const log = trackImagery(cdp, () => start);
    await page.goto(viewerUrl(opts.base, opts.viewer, opts.target, opts.room, opts.view), { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as { __bench?: unknown }).__bench != null, null, { timeout: 60_000, polling: 20 });
    while (log.done.length === 0) {
      if (performance.now() - start > 60_000) throw new Error(`bench: ${opts.viewer} fetched no imagery within 60 s, cannot start the pan`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = log.done.length;
    const frames = await page.evaluate(
      ({ view, ms }) =>
        new Promise<number[]>((resolve) => {
          const bench = (window as unknown as { __bench: { setView: (v: typeof view) => void } }).__bench;
          const out: number[] = [];
          let t0 = -1, last = 0;
          const step = (now: number) => {
            if (t0 < 0) t0 = now;
            else out.push(now - last);
            last = now;
            const t = (now - t0) / ms;
            bench.setView({ yaw: view.yaw + 360 * Math.min(t, 1), pitch: view.pitch + 10 * Math.sin(Math.min(t, 1) * 2 * Math.PI), hfov: view.hfov });
            if (t < 1) requestAnimationFrame(step);
            else resolve(out);
          };
          requestAnimationFrame(step);
        }),
      { view: opts.view, ms: PAN_MS },
    );
    const sorted = [...frames].sort((a, b) => a - b);
    const med = sorted[Math.floor(sorted.length / 2)];
    if (process.env.BENCH_PAN_DEBUG) console.log(frames.map((f) => f.toFixed(0)).join(' '));
    return {
      frames: frames.length,
      medianMs: med,
      longFrames: frames.filter((f) => f > 2 * med + LONG_TOLERANCE_MS).length,
      slowFrames: frames.filter((f) => f >= SLOW_FRAME_MS).length,
      meanMs: frames.reduce((a, b) => a + b, 0) / frames.length,
      fetchedDuring: log.done.length - before,
    };
  } finally {
    await ctx.close();
  }
}
