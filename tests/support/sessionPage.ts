import type { Page } from 'playwright-core';
import { waitSharp } from './tourPage.ts';

/** Smallest difference between two yaws in degrees (0–180). */
export const yawDiff = (a: number, b: number) => Math.abs((((b - a + 180) % 360) + 360) % 360 - 180);

/** The session on a page is live and its tour is drawn. */
export async function ready(page: Page) {
  await page.waitForFunction(() => window.__vantageSession?.client.state.status === 'live' && !!window.__vantage, null, { timeout: 30_000 });
  await waitSharp(page);
}

/** The room and view a page shows now. */
export const view = (page: Page) => page.evaluate(() => ({ scene: window.__vantage!.tour.scene.id, ...window.__vantage!.tour.view.view }));

/** Waits until `page` shows `scene` looking within `tol` degrees of `yaw`/`pitch`. */
export async function waitView(page: Page, scene: string, yaw: number, pitch: number, tol = 1.5, timeout = 5000) {
  await page.waitForFunction(
    ({ scene, yaw, pitch, tol }) => {
      const t = window.__vantage?.tour;
      if (!t || t.scene.id !== scene) return false;
      const d = Math.abs((((t.view.view.yaw - yaw + 180) % 360) + 360) % 360 - 180);
      return d <= tol && Math.abs(t.view.view.pitch - pitch) <= tol;
    },
    { scene, yaw, pitch, tol },
    { timeout, polling: 50 },
  );
}

/** Drags the panorama by (dx, dy) pixels, pausing before letting go so it doesn't fling. */
export async function drag(page: Page, dx: number, dy = 0) {
  const box = (await page.locator('.tour-canvas').boundingBox())!;
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  await page.waitForTimeout(120);
  await page.mouse.up();
}
