import type { Page } from 'playwright-core';

/** Waits until the viewer reports every visible tile of the chosen level drawn. */
export async function waitSharp(page: Page, timeout = 30_000) {
  await page.waitForFunction(() => window.__vantage?.status().sharp === true, null, { timeout, polling: 100 });
  // One more frame so the last upload is on screen, not only on the GPU.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** A screenshot of the panorama only (the overlays hidden), for pixel checks. */
export async function panoramaShot(page: Page): Promise<Buffer> {
  const style = await page.addStyleTag({ content: '.tour-top,.tour-toolbar,.tour-modes,.tour-minimap,.hotspots,.progress,.move-hint,.room-strip{visibility:hidden !important}' });
  try {
    return await page.locator('.tour-canvas canvas').screenshot();
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

/** Tile requests (by URL) seen on the network for a place. */
export function recordTileRequests(page: Page, placeId: string): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith(`/tiles/${placeId}/`) && !u.pathname.endsWith('cover.jpg')) urls.push(u.pathname);
  });
  return urls;
}
