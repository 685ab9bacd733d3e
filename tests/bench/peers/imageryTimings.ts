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
  const all = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ url: e.name, responseEnd: e.responseEnd, bytes: e.encodedBodySize })),
  );
  return all.filter((e) => isImageryUrl(e.url));
}
