import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DataUtils } from 'three';
import { prefilterRoomEnvironment, ROOM_ENVIRONMENT_FILE, ROOM_ENVIRONMENT_SIZE } from '../../assets/scripts/make-room-environment.ts';
import { decodeRoomEnvironment } from '../../client/model/roomEnvironmentFile.ts';
import { launchChromium } from '../support/launchChromium.ts';
import { meanAbsDiff } from '../support/pixels.ts';

/**
 * The exhibit's light is prefiltered at build time (client/model/room-environment.venv) rather
 * than by PMREMGenerator in each browser. These check that the shipped file is still what the
 * installed three.js makes, and that an exhibit drawn with it looks as one drawn with the light
 * made in the browser (the path taken when the file cannot be had).
 */
const base = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function exhibitShot(page: Page): Promise<Buffer> {
  await page.goto(`${base}/places/demo-museum/exhibits/bronze-ding`);
  await page.locator('.exhibit-stage[data-status="ready"]').waitFor({ timeout: 90_000 });
  await page.locator('.exhibit-stage[data-flying="0"]').waitFor({ timeout: 30_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.addStyleTag({ content: '.exhibit-points,.exhibit-reset,.exhibit-progress{visibility:hidden !important}' });
  return page.locator('.exhibit-scene canvas').screenshot();
}

describe('the exhibit light, prefiltered at build time', () => {
  it('is what three’s PMREMGenerator makes of RoomEnvironment now (run `npm run make:environment` after a three upgrade)', { timeout: 120_000 }, async () => {
    const made = await prefilterRoomEnvironment(ROOM_ENVIRONMENT_SIZE);
    const bytes = await readFile(ROOM_ENVIRONMENT_FILE);
    const shipped = decodeRoomEnvironment(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).levels;
    expect(shipped.length).toBe(made.length);
    for (const [l, faces] of made.entries()) {
      let err = 0, sum = 0;
      for (const [f, px] of faces.entries())
        for (let i = 0; i < px.length; i++) {
          if (i % 4 === 3) continue;
          err += Math.abs(DataUtils.fromHalfFloat(shipped[l][f][i]) - px[i]);
          sum += Math.abs(px[i]);
        }
      // Stored levels: RGBE's rounding (< 0.5 %). The sharpest, doubled from the next, is softer
      // at the light panels' edges (~7 %, seen only in mirror-like metal); mirrored or another
      // room's light would be off by far more.
      expect(err / sum, `level ${l}`).toBeLessThan(l === 0 ? 0.1 : 0.005);
    }
  });

  it('draws the bronze ding as the light made in the browser does, and is fetched once, from our origin', { timeout: 180_000 }, async () => {
    const shipped = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const asked: string[] = [];
    shipped.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const withFile = await exhibitShot(shipped);
    expect(asked.filter((p) => /^\/assets\/room-environment-[^/]+\.venv$/.test(p))).toHaveLength(1);
    expect(await shipped.evaluate(() => performance.getEntriesByName('vantage:exhibit:environment').length)).toBe(1);

    // Without the file the viewer prefilters the room itself (as it used to, on every visit).
    const fallback = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await fallback.route(/\/assets\/room-environment-[^/]+\.venv$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    const withoutFile = await exhibitShot(fallback);
    // The same picture, to within the file's rounding (a mirrored or unlit room moves the bronze's highlights: tens).
    expect(await meanAbsDiff(withFile, withoutFile)).toBeLessThan(1);
    await Promise.all([shipped.close(), fallback.close()]);
  });
});
