import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';

/**
 * The tour with a keyboard alone. Before: Tab reached the hotspots before "Back to listing";
 * Enter on a hotspot walked to the room and dropped focus to the page's body (the next Tab
 * started over from the top); the floor plan's rooms showed no focus ring.
 */
const base = inject('baseUrl');
let browser: Browser;
let page: Page;

/** What has keyboard focus, as a person would name it. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { kind: 'body', name: '' };
    const kind = el.classList.contains('tour-back') ? 'back' : el.classList.contains('hotspot') ? 'hotspot' : el.classList.contains('tour-canvas') ? 'view' : el.classList.contains('room-button') ? 'plan-room' : el.tagName.toLowerCase();
    return { kind, name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '' };
  });

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/places/demo-flat/tour?scene=living`);
  await waitSharp(page);
});
afterAll(() => browser?.close());

describe('the tour by keyboard', () => {
  it('reaches "Back to listing" before the view and its hotspots', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push((await focused(page)).kind);
    }
    const back = order.indexOf('back');
    const hotspot = order.indexOf('hotspot');
    expect(back, order.join(' → ')).toBeGreaterThanOrEqual(0);
    expect(hotspot, order.join(' → ')).toBeGreaterThan(back);
    expect(order.indexOf('view')).toBeGreaterThan(back);
  });

  it('Enter on a hotspot walks to its room and leaves focus on the view, where the next Tab goes on from', async () => {
    const before = await page.evaluate(() => window.__vantage!.tour.scene.id);
    // Tab to the first hotspot that leads to a room.
    for (let i = 0; i < 20 && !((await focused(page)).kind === 'hotspot' && (await page.evaluate(() => document.activeElement!.classList.contains('hotspot-scene')))); i++) await page.keyboard.press('Tab');
    const target = (await focused(page)).name;
    expect(target).not.toBe('');
    await page.keyboard.press('Enter');
    await page.waitForFunction((s) => window.__vantage!.tour.scene.id !== s, before);
    await expect.poll(() => page.locator('[data-testid="room-name"]').textContent()).toBe(target);
    expect(await focused(page)).toMatchObject({ kind: 'view' });
    // The arrow keys turn the view at once, without a click.
    const yaw = await page.evaluate(() => window.__vantage!.tour.view.view.yaw);
    await page.keyboard.down('ArrowRight');
    await page.waitForTimeout(300);
    await page.keyboard.up('ArrowRight');
    expect(await page.evaluate(() => window.__vantage!.tour.view.view.yaw)).not.toBeCloseTo(yaw, 0);
    // The next Tab goes on to this room's hotspots, not back to the top of the page.
    await page.keyboard.press('Tab');
    expect((await focused(page)).kind).toBe('hotspot');
  });

  it('shows a focus ring on the floor plan’s rooms', async () => {
    let kind = '';
    for (let i = 0; i < 40 && kind !== 'plan-room'; i++) {
      await page.keyboard.press('Tab');
      kind = (await focused(page)).kind;
    }
    expect(kind).toBe('plan-room');
    const ring = await page.evaluate(() => {
      const room = document.activeElement!.querySelector('.room, .room-dot')!;
      const other = [...document.querySelectorAll('.tour-minimap .room-button')].find((g) => g !== document.activeElement)!.querySelector('.room, .room-dot')!;
      const s = (el: Element) => ({ stroke: getComputedStyle(el).stroke, width: parseFloat(getComputedStyle(el).strokeWidth) });
      return { focused: s(room), other: s(other) };
    });
    expect(ring.focused.stroke).not.toBe(ring.other.stroke);
    expect(ring.focused.width).toBeGreaterThan(ring.other.width * 1.5);
    await page.locator('.tour-minimap').screenshot({ path: `${process.env.VANTAGE_SHOT_DIR ?? '/tmp'}/vantage-plan-focus.png` });
  });
});
