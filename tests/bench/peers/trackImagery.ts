import type { CDPSession } from 'playwright-core';
import { isImageryUrl } from './BenchTarget.ts';

export interface ImageryLog {
  /** Finished imagery responses as Node saw them (ms since t0): only for telling when loading has gone quiet. */
  done: { at: number; url: string }[];
  /** ms since t0 of the last imagery request start or finish (what "no tile request for 1.5 s" is measured from). */
  lastActivity: () => number;
  inFlight: () => number;
  t0: () => number;
}

/** Follows imagery requests over CDP from now on; times are performance.now() in Node minus `t0`. */
export function trackImagery(cdp: CDPSession, t0: () => number): ImageryLog {
  const urls = new Map<string, string>();
  const done: ImageryLog['done'] = [];
  let last = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!isImageryUrl(e.request.url)) return;
    urls.set(e.requestId, e.request.url);
    last = performance.now() - t0();
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId);
    if (!url) return;
    urls.delete(e.requestId);
    last = performance.now() - t0();
    done.push({ at: last, url });
  });
  cdp.on('Network.loadingFailed', (e) => {
    if (urls.delete(e.requestId)) last = performance.now() - t0();
  });
  return { done, lastActivity: () => last, inFlight: () => urls.size, t0 };
}
