import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { pixelStats } from '../support/pixels.ts';
import { waitSharp } from '../support/tourPage.ts';
import { WsClient, hostKeyOf, startSession } from '../unit/sessions/helpers/wsClient.ts';

/**
 * A guided session's link opened cold on a phone (from a chat app, on a slow link): the page
 * paints the room the group is in, with the place's name, before any of the app has loaded —
 * before, `/s/…` had no first paint and stayed blank until the app arrived. The join form then
 * comes as a card over the room, and once joined the tour takes the paint over.
 */
const base = inject('baseUrl');
const password = inject('hostPassword');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'en-US' };
const SHOT_DIR = process.env.VANTAGE_SHOT_DIR ?? '/tmp';

let browser: Browser;
let token = '';
let title = '';
beforeAll(async () => {
  browser = await launchChromium();
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  token = ((await login.json()) as { token: string }).token;
  title = ((await (await fetch(`${base}/api/places/demo-flat`)).json()) as Place).title;
});
afterAll(() => browser?.close());

describe('a session link’s first paint', () => {
  it('paints the group’s room and the place’s name with no app code at all; the join form comes over it; joined, the tour takes over', async () => {
    const s = await startSession(base, token, 'demo-flat');
    // The group has walked to the kitchen: the link paints where they are, not the start room.
    const host = await WsClient.connect(base.replace(/^http/, 'ws'), s.id, { hostKey: hostKeyOf(s.hostUrl) });
    try {
      host.send({ type: 'goto', sceneId: 'kitchen', view: { yaw: 40, pitch: -5, fov: 80 } });
      await host.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
      // A walk is saved at once; the page is made from what is saved.
      for (let i = 0; i < 50 && !(await (await fetch(`${base}/s/${s.code}`)).text()).includes('"sceneId":"kitchen"'); i++) await new Promise((r) => setTimeout(r, 100));

      const bare = await (await browser.newContext(PHONE)).newPage();
      await bare.route('**/assets/**', (r) => r.abort());
      await bare.goto(`${base}/s/${s.code}`);
      const layer = bare.locator('[data-first-paint]');
      await layer.waitFor({ state: 'attached', timeout: 10_000 });
      expect(await layer.getAttribute('data-first-paint')).toBe('kitchen');
      expect(await bare.locator('[data-first-paint-card]').textContent()).toBe(title);
      await bare.waitForFunction(() => [...document.querySelectorAll('[data-first-paint] canvas')].some((c) => getComputedStyle(c).visibility === 'hidden'), null, { timeout: 20_000 });
      expect((await pixelStats(await bare.screenshot())).stdev, 'a room, not a blank page').toBeGreaterThan(20);
      await bare.context().close();

      const page = await (await browser.newContext(PHONE)).newPage();
      page.on('pageerror', (e) => console.error('page error:', e.message));
      await page.goto(`${base}/s/${s.code}`);
      await page.waitForURL(/\/join\//);
      const name = page.getByLabel('Name');
      await name.waitFor();
      // The form is on top of the room (the paint ignores the pointer and lies under the card).
      const join = page.getByRole('button', { name: 'Join' });
      const box = (await join.boundingBox())!;
      expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.textContent, [box.x + box.width / 2, box.y + box.height / 2])).toBe('Join');
      expect(await page.locator('[data-first-paint]').count(), 'the room stays behind the form').toBe(1);
      await page.screenshot({ path: `${SHOT_DIR}/vantage-session-link-join-390.png` });
      await name.fill('Grandma Li');
      await join.click();
      await page.waitForURL(/\/s\//);
      await waitSharp(page);
      await page.waitForFunction(() => !document.querySelector('[data-first-paint]'), null, { timeout: 20_000 });
      expect(await page.evaluate(() => window.__vantage!.tour.scene.id)).toBe('kitchen');
      await page.context().close();
    } finally {
      await host.close();
    }
  });

  it('an ended session’s link paints nothing and says it has ended', async () => {
    const s = await startSession(base, token, 'demo-flat');
    const res = await fetch(`${base}/api/sessions/${s.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(res.ok, `end: ${res.status}`).toBe(true);
    const html = await (await fetch(`${base}/s/${s.code}`)).text();
    expect(html).not.toContain('vantage-tour-boot');
  });
});
