import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';
import { coverage } from '../support/pixels.ts';

/**
 * The tour on a phone (390 × 844, DPR 3, touch). Before: the controls covered the top ~210 px
 * (a column of Book / Dollhouse / Measure and a tiny minimap) and the bottom ~115 px (two rows
 * of buttons); the minimap could not be enlarged and clipped its labels; there was no room list
 * (an uploaded place without a plan had no way to a room no door leads to); the Measure sheet
 * said "Click" and gave keyboard hints.
 */
const base = inject('baseUrl');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'en-US' };
const SHOT_DIR = process.env.VANTAGE_SHOT_DIR ?? '/tmp';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext(PHONE)).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/places/demo-flat/tour?scene=living`);
  await waitSharp(page);
});
afterAll(() => browser?.close());

/** The band of the screen a set of visible elements covers from the top, and from the bottom. */
const covered = (p: Page) =>
  p.evaluate(() => {
    const boxes = [...document.querySelectorAll('.tour-top > *, .tour-bar button, .tour-bar a, .tour-minimap, .tour-modes > *')]
      .filter((e) => getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden')
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth);
    const h = innerHeight;
    return { top: Math.max(0, ...boxes.filter((r) => r.top < h / 2).map((r) => r.bottom)), bottom: h - Math.min(h, ...boxes.filter((r) => r.top >= h / 2).map((r) => r.top)) };
  });

describe('the tour on a phone', () => {
  it('a newcomer’s first view shows a door, and a one-time tip says how to move', async () => {
    // Before: the flat's first view on a phone showed an info point and no door, and nothing said what the circles were.
    const first = await (await browser.newContext(PHONE)).newPage();
    await first.goto(`${base}/places/demo-flat/tour`);
    await waitSharp(first);
    const doors = await first.evaluate(() =>
      [...document.querySelectorAll('.hotspot-scene[data-onscreen="1"]')]
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.left >= 0 && r.right <= innerWidth && r.top >= 90 && r.bottom <= innerHeight - 90).length,
    );
    expect(doors, 'a door in sight, clear of the controls').toBeGreaterThan(0);
    const tip = first.getByTestId('move-hint');
    await tip.waitFor();
    expect(await tip.textContent()).toBe('Drag to look around. Tap a circle to walk through that door.');
    await first.screenshot({ path: `${SHOT_DIR}/vantage-tour-phone-first-view-390.png` });
    // The first touch puts it away, and it does not come back.
    const box = (await first.locator('.tour-canvas').boundingBox())!;
    await first.touchscreen.tap(box.width / 2, box.height / 2);
    await tip.waitFor({ state: 'detached' });
    await first.reload();
    await waitSharp(first);
    expect(await first.getByTestId('move-hint').count()).toBe(0);
    await first.context().close();
  });


  it('leaves the room on screen: the controls take at most 100 px at the top and 90 px at the bottom, in one bar', async () => {
    const c = await covered(page);
    expect(c.top).toBeLessThanOrEqual(100);
    expect(c.bottom).toBeLessThanOrEqual(90);
    // Every tool is still there, each a 44 px target.
    for (const name of ['Book a visit', 'Rooms', 'Floor plan', 'Dollhouse', 'Measure on the floor plan', 'Share']) {
      const box = await page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name, exact: true })).first().boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.height, name).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: `${SHOT_DIR}/vantage-tour-phone-390.png` });
  });

  it('the room strip lists every room with its picture; a tap goes there', async () => {
    await page.getByRole('button', { name: 'Rooms' }).tap();
    const strip = page.getByRole('navigation', { name: /^All \d+ rooms$/ });
    await strip.waitFor();
    const buttons = strip.getByRole('button');
    expect(await buttons.count()).toBe(6);
    await page.waitForFunction(() => [...document.querySelectorAll('.room-strip img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0 || i.getBoundingClientRect().left > innerWidth));
    expect(await strip.getByRole('button', { name: 'Go to Living & dining room' }).getAttribute('aria-current')).toBe('location');
    await page.screenshot({ path: `${SHOT_DIR}/vantage-tour-phone-strip-390.png` });
    await strip.getByRole('button', { name: 'Go to Kitchen' }).tap();
    await page.waitForFunction(() => window.__vantage!.tour.scene.id === 'kitchen');
    await strip.waitFor({ state: 'detached' });
  });

  it('the floor plan opens full screen with every label inside the plan; a tap on a room goes there and closes it', async () => {
    await page.getByRole('button', { name: 'Floor plan', exact: true }).tap();
    const sheet = page.locator('#tour-minimap[data-open]');
    await sheet.waitFor();
    const svg = (await sheet.locator('svg').boundingBox())!;
    expect(svg.width).toBeGreaterThanOrEqual(340);
    const clipped = await page.evaluate(() => {
      const s = document.querySelector('#tour-minimap svg')!.getBoundingClientRect();
      return [...document.querySelectorAll('#tour-minimap .room-label')].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < s.left - 0.5 || r.right > s.right + 0.5;
      }).length;
    });
    expect(clipped, 'room names running off the plan').toBe(0);
    await page.screenshot({ path: `${SHOT_DIR}/vantage-tour-phone-plan-390.png` });
    // A room of the plan is an SVG group (role button): tapped where its shape is.
    const room = (await sheet.getByRole('button', { name: 'Go to Bathroom' }).boundingBox())!;
    await page.touchscreen.tap(room.x + room.width / 2, room.y + room.height / 2);
    await page.waitForFunction(() => window.__vantage!.tour.scene.id === 'bathroom');
    expect(await page.locator('#tour-minimap[data-open]').count()).toBe(0);
  });

  it('the dollhouse fills the phone, its room names neither overlap nor run off the screen, and its buttons sit above the bar', async () => {
    // Before: the model took a quarter of the screen and six names piled into one strip.
    await page.getByRole('button', { name: /dollhouse/i }).first().tap();
    await page.waitForFunction(() => document.querySelector('.dollhouse-ui')?.getAttribute('data-status') === 'ready', null, { timeout: 30_000 });
    // The markers are placed by the frame loop once the model is in view.
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.dollhouse-marker')].filter((e) => e.dataset.onscreen === '1').length >= 4, null, { timeout: 10_000 });
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.dollhouse-marker')]
        .filter((e) => e.dataset.onscreen === '1' && e.dataset.collapsed !== '1')
        .map((e) => e.getBoundingClientRect())
        .map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
    );
    expect(labels.length, 'most rooms keep their names').toBeGreaterThanOrEqual(4);
    for (const r of labels) {
      expect(r.left).toBeGreaterThanOrEqual(0);
      expect(r.right).toBeLessThanOrEqual(390);
    }
    for (const [i, a] of labels.entries()) for (const b of labels.slice(i + 1)) expect(a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top, 'two room names overlap').toBe(false);
    // The model's share of the screen: pixels that are not the empty background, controls hidden.
    const hide = await page.addStyleTag({ content: '.tour-top,.tour-bar,.dollhouse-ui{visibility:hidden !important}' });
    const share = await coverage(await page.screenshot());
    await hide.evaluate((el) => (el as Element).remove());
    // 0.19 before (seen from the south, a quarter of the screen), 0.26 after.
    expect(share, 'the model’s share of the screen').toBeGreaterThan(0.23);
    const back = (await page.getByRole('button', { name: 'Back to panorama' }).boundingBox())!;
    expect(back.y + back.height).toBeLessThanOrEqual(844 - 70);
    await page.screenshot({ path: `${SHOT_DIR}/vantage-tour-phone-dollhouse-390.png` });
    await page.getByRole('button', { name: 'Back to panorama' }).tap();
    await page.waitForFunction(() => !document.querySelector('.dollhouse-ui'));
  });

  it('Share gives the link to this view, its QR code and the code to embed the tour', async () => {
    // Before: one "Copy link" button and nothing else (no QR code, no embed code).
    await page.getByRole('button', { name: 'Share', exact: true }).tap();
    const dialog = page.getByRole('dialog', { name: 'Share this tour' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Link to this view').inputValue()).toBe(page.url());
    expect(await dialog.getByRole('img', { name: /^QR code of the link to / }).count()).toBe(1);
    const embed = await dialog.getByLabel('Embed on your website').inputValue();
    expect(embed).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/places\/demo-flat\?scene=[a-z]+" /);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOT_DIR}/vantage-tour-phone-share-390.png` });
    await dialog.getByRole('button', { name: 'Close' }).tap();
    await dialog.waitFor({ state: 'detached' });
  });

  it('the Measure sheet speaks of taps, with no keyboard hints', async () => {
    await page.getByRole('button', { name: 'Measure on the floor plan' }).tap();
    const text = await page.getByRole('dialog').textContent();
    expect(text).toContain('Tap two points on the plan');
    expect(text).not.toMatch(/click|arrow keys|Enter/i);
    await page.keyboard.press('Escape');
  });
});
