import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Slot } from '../../server/protocol/booking.ts';
import { launchChromium } from '../support/launchChromium.ts';

/**
 * Booking on a phone (390×844, DPR 3, touch): a grandmother opens the link and books a visit.
 * The days are a strip of tabs with the free times counted, the chosen day's times below, the
 * form right after and the confirm button always on screen; a wrong phone number keeps the day
 * and the time she chose, and puts her back in the phone field.
 */
const base = inject('baseUrl');
const PLACE = 'demo-flat';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

let browser: Browser;
const contexts: BrowserContext[] = [];
let slots: Slot[] = [];
const dayOf = (s: Slot) => new Intl.DateTimeFormat('en-CA', { timeZone: s.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(s.start));

beforeAll(async () => {
  browser = await launchChromium();
  slots = (await (await fetch(`${base}/api/places/${PLACE}/slots`)).json()) as Slot[];
  // The demo month has three visits a day; its last day is booked out, as a popular Saturday would be.
  const days = [...new Set(slots.map(dayOf))].sort();
  expect(days.length, 'the demo flat publishes a month of visits').toBeGreaterThan(5);
  const last = days[days.length - 1];
  for (const s of slots.filter((x) => dayOf(x) === last && x.seatsLeft > 0)) {
    const res = await fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: s.id, name: 'Tour group', phone: '+44 20 7946 0958', partySize: s.seatsLeft }),
    });
    expect(res.status).toBe(201);
  }
  slots = (await (await fetch(`${base}/api/places/${PLACE}/slots`)).json()) as Slot[];
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function phonePage(locale = 'en-US'): Promise<Page> {
  const ctx = await browser.newContext({ ...PHONE, locale, timezoneId: 'Europe/London' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

const inViewport = async (page: Page, sel: ReturnType<Page['locator']>) => {
  const box = await sel.boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= 844;
};

it('a phone shows a strip of days and the chosen day’s times, the form within reach, confirm always on screen; an error keeps the choice', async () => {
  const page = await phonePage();
  await page.goto(`${base}/places/${PLACE}/book`);
  const strip = page.getByRole('tablist', { name: 'Choose a day' });
  await strip.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: '/tmp/h18a-book-phone-en.png' });
  // Every page-wide thing fits the screen; only the strip scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const days = [...new Set(slots.map(dayOf))].sort();
  const tabs = strip.getByRole('tab');
  expect(await tabs.count()).toBeGreaterThanOrEqual(days.length);
  // The first day with a free time is chosen; each day says how many times are free (the place's zone decides the day).
  const first = strip.getByRole('tab', { selected: true });
  expect(await first.getAttribute('data-day')).toBe(days[0]);
  const freeFirst = slots.filter((s) => dayOf(s) === days[0] && s.seatsLeft > 0).length;
  expect(await first.getAttribute('aria-label')).toContain(freeFirst === 1 ? '1 time free' : `${freeFirst} times free`);
  const full = strip.locator(`[role="tab"][data-day="${days[days.length - 1]}"]`);
  expect(await full.getAttribute('aria-label')).toContain('fully booked');
  expect(await full.textContent()).toContain('Full');

  // Only that day's times are listed, and the form and the button are in reach without scrolling far.
  const panel = page.getByRole('tabpanel');
  expect(await panel.locator('label[data-slot-id]').count()).toBe(slots.filter((s) => dayOf(s) === days[0]).length);
  const confirm = page.getByRole('button', { name: 'Confirm booking' });
  expect(await inViewport(page, confirm), 'Confirm booking is on the first screen').toBe(true);
  const nameBox = (await page.getByLabel('Name').boundingBox())!;
  expect(nameBox.y, 'the name field is less than a screen and a half down').toBeLessThan(844 * 1.5);

  // Keyboard: arrows walk the days (automatic activation), Home/End go to the ends.
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const third = strip.getByRole('tab', { selected: true });
  expect(await third.getAttribute('data-day')).toBe(days[2]);
  expect(await third.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('End');
  expect(await strip.getByRole('tab', { selected: true }).getAttribute('data-day')).toBe(days[days.length - 1]);
  // A booked-out day shows its times as full.
  expect(await panel.locator('label[data-slot-id] input:not([disabled])').count()).toBe(0);
  await page.keyboard.press('Home');
  expect(await strip.getByRole('tab', { selected: true }).getAttribute('data-day')).toBe(days[0]);

  // Touch: the third day, its second time.
  await strip.locator(`[role="tab"][data-day="${days[2]}"]`).tap();
  const chip = panel.locator('label[data-slot-id]').nth(1);
  const slotId = (await chip.getAttribute('data-slot-id'))!;
  await chip.tap();
  expect(await chip.locator('input').isChecked()).toBe(true);
  await page.getByLabel('Name').fill('Li Xiuying');
  await page.getByLabel('Mobile phone').fill('12345');
  await confirm.tap();
  await expect.poll(() => page.locator('#book-phone-error').textContent()).toContain('mainland mobile');
  await page.screenshot({ path: '/tmp/h18a-book-phone-error.png' });
  // The choice stays: the same day is selected, the same time checked, and she is back in the phone field.
  expect(await strip.getByRole('tab', { selected: true }).getAttribute('data-day')).toBe(days[2]);
  expect(await panel.locator(`label[data-slot-id="${slotId}"] input`).isChecked()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('book-phone');
  // Both the field and what is wrong with it are on screen, above the sticky bar.
  const bar = (await page.locator('.booking-submit').boundingBox())!;
  for (const what of [page.getByLabel('Mobile phone'), page.locator('#book-phone-error')]) {
    const box = (await what.boundingBox())!;
    expect(box.y, 'not above the screen').toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, 'not under the sticky bar').toBeLessThanOrEqual(bar.y + 1);
  }
  const slot = slots.find((s) => s.id === slotId)!;
  const hhmm = new Intl.DateTimeFormat('en', { timeZone: slot.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(slot.start));
  expect(await page.getByTestId('booking-choice').textContent()).toContain(hhmm);

  await page.getByLabel('Mobile phone').fill('138 0013 8000');
  await confirm.tap();
  await page.waitForURL(/\/book\/manage\//);
  await page.getByTestId('ticket-code').waitFor();
  expect(await page.locator('main').textContent()).toContain(hhmm);
});

it('zh-CN: the days and the counts read in Chinese', async () => {
  const page = await phonePage('zh-CN');
  await page.goto(`${base}/places/${PLACE}/book`);
  const strip = page.getByRole('tablist', { name: '选择日期' });
  await strip.waitFor({ timeout: 15_000 });
  const label = (await strip.getByRole('tab', { selected: true }).getAttribute('aria-label'))!;
  expect(label).toMatch(/\d+ 个时间可约/);
  expect(await strip.getByRole('tab').last().getAttribute('aria-label')).toContain('已约满');
  await page.getByRole('button', { name: '确认预约' }).waitFor();
  await page.screenshot({ path: '/tmp/h18a-book-phone-zh.png' });
});
