import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** 20 Mbit/s both ways with 40 ms RTT, as CDP Network.emulateNetworkConditions takes it (bytes per second). */
export const THROTTLED = { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 };

/**
 * Init script for Vantage's tour page: the same window.__bench hook the peer pages define
 * (setView/goTo in degrees, horizontal FOV), over the documented test hook window.__vantage;
 * and the tour UI (top bar, toolbar, floor plan, hotspot buttons, progress) hidden, so
 * screenshots hold the panorama only, as on the peer pages.
 */
const VANTAGE_INIT = `
  window.__name = (f) => f;
  Object.defineProperty(window, '__bench', { configurable: true, get() {
    const v = window.__vantage;
    if (!v) return undefined;
    const view = (x) => x && { yaw: x.yaw, pitch: x.pitch, fov: x.hfov };
    return { setView: (x) => v.tour.view.setView(view(x)), goTo: (r, x) => v.tour.goTo(r, view(x)) };
  } });
  document.addEventListener('DOMContentLoaded', () => {
    const s = document.createElement('style');
    s.textContent = '.tour > :not(.tour-canvas) { visibility: hidden !important; }';
    document.head.append(s);
  });
`;

/**
 * A fresh context, on a blank page of the bench origin `base`, at 1280×720 and `dpr`, with
 * CDP network control, for one measurement. A fresh context starts with an empty HTTP
 * cache, so every load is cold; the cache itself stays on, as in any visitor's browser (a
 * page that asks twice for one URL is answered by it the second time, and the second
 * answer is not counted: imageryTimings counts only what crossed the network).
 * `disableCache` bypasses it for every request, for a check of what that costs.
 */
export async function benchContext(browser: Browser, base: string, dpr: number, throttled: boolean, disableCache = false): Promise<{ ctx: BrowserContext; page: Page; cdp: CDPSession }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: dpr });
  // tsx keeps function names with a __name() helper that page.evaluate'd code cannot see.
  // Resource timings are how bytes and requests before a frame are counted: keep them all.
  await ctx.addInitScript(`window.__name = (f) => f; performance.setResourceTimingBufferSize(100000); if (location.pathname.includes('/tour')) { ${VANTAGE_INIT} }`);
  const page = await ctx.newPage();
  // A blank page of the bench origin first: leaving about:blank for another site swaps the
  // renderer, which would detach a CDP session opened before; same-origin navigations don't.
  await page.goto(`${base}/peers/pages/blank.html`);
  const cdp = await ctx.newCDPSession(page);
  // The DPR emulated on this session as well as Playwright's: a capture from a session
  // without it reset the page to DPR 1 until the next navigation (measured: every "DPR 2"
  // load before 2026-12-03 12:00 drew at DPR 1 once the first screenshot was taken, and its
  // screenshots were upscaled).
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 720, deviceScaleFactor: dpr, mobile: false });
  await cdp.send('Network.enable');
  if (disableCache) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLED);
  return { ctx, page, cdp };
}
