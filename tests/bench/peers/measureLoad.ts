import { writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { benchContext } from './benchContext.ts';
import { viewerUrl, type BenchTarget, type ViewerId } from './BenchTarget.ts';
import { captureUntilSettled } from './captureUntilSettled.ts';
import type { BenchView } from './renderReference.ts';
import { scoreShots } from './scoreShots.ts';
import { trackImagery } from './trackImagery.ts';

export interface LoadResult {
  firstImageMs: number;
  sharpMs: number;
  /** Imagery bytes on the wire and requests finished before the first sharp frame was captured. */
  bytes: number;
  requests: number;
  finalPsnr: number;
  /** Everything fetched until settled, for context. */
  totalBytes: number;
  totalRequests: number;
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
    let start = 0;
    const t0 = () => start;
    const log = trackImagery(cdp, t0);
    start = performance.now();
    await page.goto(viewerUrl(opts.base, opts.viewer, opts.target, opts.room, opts.view), { waitUntil: 'commit' });
    const shots = await captureUntilSettled(cdp, log, t0);
    const s = await scoreShots(shots, opts.reference);
    if (opts.saveFinal) await writeFile(opts.saveFinal, shots[shots.length - 1].png);
    const sharpAt = shots[s.sharp].at;
    const before = log.done.filter((d) => d.at <= sharpAt);
    return {
      firstImageMs: shots[s.firstImage].at,
      sharpMs: sharpAt,
      bytes: before.reduce((n, d) => n + d.bytes, 0),
      requests: before.length,
      finalPsnr: s.final,
      totalBytes: log.done.reduce((n, d) => n + d.bytes, 0),
      totalRequests: log.done.length,
    };
  } finally {
    await ctx.close();
  }
}
