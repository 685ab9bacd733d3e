import { writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { benchContext } from './benchContext.ts';
import { viewerUrl, type BenchTarget, type ViewerId } from './BenchTarget.ts';
import { captureUntilSettled } from './captureUntilSettled.ts';
import { imageryTimings } from './imageryTimings.ts';
import { medianOf } from './medianOf.ts';
import type { BenchView } from './renderReference.ts';
import { scoreShots } from './scoreShots.ts';
import { trackImagery } from './trackImagery.ts';

export interface LoadResult {
  /** Page clock, i.e. ms since the navigation started. */
  firstImageMs: number;
  sharpMs: number;
  /** Imagery body bytes and requests whose response had ended before the first sharp frame was captured. */
  bytes: number;
  requests: number;
  finalPsnr: number;
  /** Everything fetched until settled, for context. */
  totalBytes: number;
  totalRequests: number;
  /** Median time between screenshots: the resolution of the two times above. */
  shotIntervalMs: number;
}

/**
 * One cold load of one viewer at one view: navigate in a fresh context, screenshot until
 * settled, score every frame against the reference and report when it first showed an
 * image and first became sharp, and what it had fetched by then.
 */
export async function measureLoad(
  browser: Browser,
  opts: { base: string; viewer: ViewerId; target: BenchTarget; room: string; view: BenchView; dpr: number; throttled: boolean; reference: Buffer; saveFinal?: string },
): Promise<LoadResult> {
  const { ctx, page, cdp } = await benchContext(browser, opts.base, opts.dpr, opts.throttled);
  try {
    const start = performance.now();
    const log = trackImagery(cdp, () => start);
    await page.goto(viewerUrl(opts.base, opts.viewer, opts.target, opts.room, opts.view), { waitUntil: 'commit' });
    const shots = await captureUntilSettled(page, cdp, log);
    const timings = await imageryTimings(page);
    const s = await scoreShots(shots, opts.reference);
    if (opts.saveFinal) await writeFile(opts.saveFinal, shots[shots.length - 1].png);
    const sharpAt = shots[s.sharp].at;
    const before = timings.filter((t) => t.responseEnd <= sharpAt);
    return {
      firstImageMs: shots[s.firstImage].at,
      sharpMs: sharpAt,
      bytes: before.reduce((n, t) => n + t.bytes, 0),
      requests: before.length,
      finalPsnr: s.final,
      totalBytes: timings.reduce((n, t) => n + t.bytes, 0),
      totalRequests: timings.length,
      shotIntervalMs: medianOf(shots.slice(1).map((x, i) => x.at - shots[i].at)),
    };
  } finally {
    await ctx.close();
  }
}
