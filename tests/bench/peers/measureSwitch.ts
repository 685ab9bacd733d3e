import type { Browser } from 'playwright-core';
import { benchContext } from './benchContext.ts';
import { viewerUrl, type BenchTarget, type ViewerId } from './BenchTarget.ts';
import { captureUntilSettled } from './captureUntilSettled.ts';
import type { BenchView } from './renderReference.ts';
import { scoreShots } from './scoreShots.ts';
import { trackImagery } from './trackImagery.ts';

export interface SwitchResult {
  /** ms from the goTo call to the first frame that shows the next room (same rule as "first image"). */
  visibleMs: number;
  sharpMs: number;
  finalPsnr: number;
}

/**
 * Room switch: load `from` until settled (each viewer may prefetch what it natively does
 * meanwhile — Vantage fetches its neighbours' previews), then window.__bench.goTo(to) at the
 * same view and screenshot until settled again, scoring against the next room's reference.
 */
export async function measureSwitch(
  browser: Browser,
  opts: { base: string; viewer: ViewerId; target: BenchTarget; from: string; to: string; view: BenchView; dpr: number; throttled: boolean; reference: Buffer },
): Promise<SwitchResult> {
  const { ctx, page, cdp } = await benchContext(browser, opts.base, opts.dpr, opts.throttled);
  try {
    const start = performance.now();
    const log = trackImagery(cdp, () => start);
    await page.goto(viewerUrl(opts.base, opts.viewer, opts.target, opts.from, opts.view), { waitUntil: 'commit' });
    await captureUntilSettled(page, cdp, log);
    await page.waitForFunction(() => (window as { __bench?: unknown }).__bench != null, null, { timeout: 10_000 });
    log.done.length = 0;
    // The page's clock at the goTo call, the same clock the shots are stamped with.
    const at = await page.evaluate(({ to, view }) => {
      const t = performance.now();
      (window as unknown as { __bench: { goTo: (r: string, v: unknown) => void } }).__bench.goTo(to, view);
      return t;
    }, { to: opts.to, view: opts.view });
    const shots = await captureUntilSettled(page, cdp, log);
    const s = await scoreShots(shots, opts.reference);
    if (process.env.BENCH_SWITCH_DEBUG) console.log(shots.map((x, i) => `${(x.at - at).toFixed(0)}:${s.psnr[i].toFixed(1)}`).join(' '));
    return { visibleMs: shots[s.firstImage].at - at, sharpMs: shots[s.sharp].at - at, finalPsnr: s.final };
  } finally {
    await ctx.close();
  }
}
