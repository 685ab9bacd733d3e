import type { Page } from 'playwright-core';
import { isImageryUrl } from './BenchTarget.ts';

export interface ImageryTiming {
  url: string;
  /** Page clock (performance.now()) when the response body had fully arrived. */
  responseEnd: number;
  /** Bytes of the (compressed) body as transferred, without headers. */
  bytes: number;
}

/** The page's own resource timings of every imagery response so far (the bench context raises the buffer limit). */
export async function imageryTimings(page: Page): Promise<ImageryTiming[]> {
  // Only what came over the network: a second request for a URL the page already has
  // (Vantage's early decode asks again for the images its first paint loaded) is answered by
  // the HTTP cache — transferSize 0 — and costs neither bytes nor a request.
  const all = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.transferSize > 0)
      .map((e) => ({ url: e.name, responseEnd: e.responseEnd, bytes: e.encodedBodySize })),
  );
  return all.filter((e) => isImageryUrl(e.url));
}
