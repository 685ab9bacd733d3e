import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { placeSchema, type HostPlace } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';

/**
 * The host console for a live show in Chromium on the real server: a host creates a show
 * place, creates its show, adds two angles (an https address and one published by npm run
 * live), sets an offset, goes live and publishes; the public API then names both angles'
 * playlists. Screenshots at desktop and phone width are saved for a person to look at.
 */

const base = inject('baseUrl');
const password = inject('hostPassword');
const EMAIL = 'host@vantage.local';
const TITLE = `Harbour gala ${Date.now().toString(36)}`;
const SHOT_DIR = process.env.VANTAGE_SHOT_DIR ?? '/tmp';
const STAGE_URL = 'https://cdn.example.com/gala/stage/index.m3u8';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let placeId = '';

let token: Promise<string> | undefined;
/** The host API as a script calls it, to check what the console saved. */
async function hostApi<T>(url: string): Promise<T> {
  token ??= fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password }) })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => b.token);
  const res = await fetch(`${base}/api/host${url}`, { headers: { authorization: `Bearer ${await token}` } });
  expect(res.ok, url).toBe(true);
  return (await res.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(async () => {
  await browser?.close();
});

describe('host console: a live show', () => {
  it('creates a show place and its show; going live waits for an angle', async () => {
    await page.goto(`${base}/host/places/new`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'New place' }).waitFor();
    await page.getByLabel('Kind').selectOption('show');
    await page.getByLabel('Title (English)').fill(TITLE);
    await page.getByRole('button', { name: 'Create place' }).click();
    await page.waitForURL((u) => /^\/host\/places\/[a-z0-9-]+$/.test(u.pathname) && u.pathname !== '/host/places/new');
    placeId = decodeURIComponent(page.url().split('/').pop()!);
    await page.getByRole('heading', { level: 2, name: 'Live show' }).waitFor();
    await page.getByRole('button', { name: 'Create the show' }).click();
    const status = page.getByRole('group', { name: 'Status' });
    await status.getByText('Upcoming', { exact: true }).waitFor();
    const goLive = status.getByRole('button', { name: 'Go live' });
    expect(await goLive.isDisabled()).toBe(true);
    // The disabled button says why, to a screen reader as well.
    const why = await goLive.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${why}"]`).textContent()).toBe('Add an angle before going live.');
    expect((await hostApi<HostPlace>(`/places/${placeId}`)).show).toMatchObject({ status: 'upcoming', angles: [] });
  }, 60_000);

  it('adds an https angle and a published 360° angle; a plain-http address is refused at its field', async () => {
    const form = page.getByRole('form', { name: 'Add an angle' });
    await form.getByLabel('Label (English)').fill('Stage');
    await form.getByLabel('Label (Chinese, optional)').fill('舞台');
    await form.getByLabel('Playlist address').fill('http://cdn.example.com/gala/stage/index.m3u8');
    await form.getByRole('button', { name: 'Add an angle' }).click();
    const urlField = form.getByLabel('Playlist address');
    expect(await urlField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('inputmode'))).toBe('url');
    expect(await form.locator('.host-field-error').textContent()).toBe('Enter an address starting with https://');
    await urlField.fill(STAGE_URL);
    await form.getByRole('button', { name: 'Add an angle' }).click();
    await page.locator('.host-angle[data-angle="stage"]').waitFor();
    expect(await form.getByRole('status').textContent()).toBe('Added “Stage”.');
    // Ready for the next camera: focus is back on the label, which is empty.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('');

    await form.getByLabel('Label (English)').fill('Wide 360');
    await form.getByLabel('Picture').selectOption('360-mono');
    await form.getByLabel('Published from the venue with npm run live').check();
    await form.getByRole('button', { name: 'Add an angle' }).click();
    const wide = page.locator('.host-angle[data-angle="wide-360"]');
    await wide.waitFor();
    expect(await wide.locator('.host-angle-meta').textContent()).toBe('360° video Published by npm run live');
    expect(await wide.locator('pre').textContent()).toBe(`npm run live -- --show ${placeId} --angle "360:Wide 360=rtmp://0.0.0.0:1935/live/wide-360"`);
    // The address viewers will get, not the console's granted one.
    expect(await wide.locator('.host-angle-url code').textContent()).toBe(`/tiles/${placeId}/_show/wide-360/index.m3u8`);
    expect(await page.locator('.host-angle').count()).toBe(2);
  }, 60_000);

  it('sets the published angle’s offset, goes live and publishes; the public API names both playlists', async () => {
    const wide = page.locator('.host-angle[data-angle="wide-360"]');
    await wide.getByLabel('Offset (ms)').fill('abc');
    await wide.getByRole('button', { name: 'Save offset' }).click();
    expect(await wide.locator('.host-field-error').textContent()).toBe('Enter a whole number from −10000 to 10000.');
    await wide.getByLabel('Offset (ms)').fill('−1500');
    await wide.getByRole('button', { name: 'Save offset' }).click();
    await wide.getByText('Offset saved.').waitFor();

    // The schedule: a start time in the host's own zone, and the angle that opens big.
    const schedule = page.getByRole('form', { name: 'Schedule' });
    await schedule.getByLabel('Starts at').fill('2099-12-24T19:30');
    await schedule.getByLabel('Angle shown big at first').selectOption('wide-360');
    await schedule.getByRole('button', { name: 'Save' }).click();
    await schedule.getByText('Saved.').waitFor();
    expect((await hostApi<HostPlace>(`/places/${placeId}`)).show).toMatchObject({ mainAngle: 'wide-360', startsAt: new Date(2099, 11, 24, 19, 30).toISOString() });

    const status = page.getByRole('group', { name: 'Status' });
    await status.getByRole('button', { name: 'Go live' }).click();
    await status.getByText('The show is now: Live.').waitFor();
    expect(await status.locator('[data-status]').textContent()).toBe('Live');
    expect(await status.getByRole('button', { name: 'End the show' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Unpublish' }).waitFor();

    const res = await fetch(`${base}/api/places/${placeId}`);
    expect(res.status).toBe(200);
    const place = placeSchema.parse(await res.json());
    expect(place.kind).toBe('show');
    expect(place.show?.status).toBe('live');
    expect(place.show?.mainAngle).toBe('wide-360');
    // Going live before the scheduled time is when it started.
    expect(Date.now() - Date.parse(place.show!.startsAt!)).toBeLessThan(120_000);
    expect(place.show?.angles.map((a) => ({ id: a.id, label: a.label, projection: a.projection, offsetMs: a.offsetMs, playlistUrl: a.playlistUrl }))).toEqual([
      { id: 'stage', label: 'Stage', projection: 'flat', offsetMs: 0, playlistUrl: STAGE_URL },
      { id: 'wide-360', label: 'Wide 360', projection: '360-mono', offsetMs: -1500, playlistUrl: `/tiles/${placeId}/_show/wide-360/index.m3u8` },
    ]);
    expect(place.show?.angles[0].labelZh).toBe('舞台');
    const catalogue = (await (await fetch(`${base}/api/places`)).json()) as { id: string; kind: string }[];
    expect(catalogue.find((p) => p.id === placeId)?.kind).toBe('show');

    await page.getByRole('heading', { level: 2, name: 'Live show' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOT_DIR}/vantage-host-show-1280.png`, fullPage: true });

    // The catalogue page lists it as a live show: no broken cover image, no "0 rooms".
    const visitor = await context.newPage();
    await visitor.goto(`${base}/`);
    const card = visitor.locator(`.card:has(a[href="/places/${placeId}"])`);
    await card.waitFor();
    expect(await card.locator('.meta').textContent()).toBe('Live show');
    expect(await card.locator('img').count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await visitor.screenshot({ path: `${SHOT_DIR}/vantage-catalogue-show.png` });
    await visitor.close();
  }, 60_000);

  it('fits a 390 px phone, in Chinese, with nothing wider than the screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const p = await phone.newPage();
      // The console keeps its token in this origin's storage: sign in on the phone too.
      await p.goto(`${base}/host/places/${placeId}`);
      await p.getByLabel('邮箱').fill(EMAIL);
      await p.locator('input[type=password]').fill(password);
      await p.locator('form button[type=submit]').click();
      await p.getByRole('heading', { level: 2, name: '直播' }).waitFor();
      await p.getByRole('group', { name: '状态' }).getByText('直播中', { exact: true }).waitFor();
      expect(await p.getByRole('button', { name: '结束直播' }).count()).toBe(1);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await p.getByRole('heading', { level: 2, name: '直播' }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: `${SHOT_DIR}/vantage-host-show-390.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('deletes an angle after asking in the page; the public API then names the one left', async () => {
    const stage = page.locator('.host-angle[data-angle="stage"]');
    await stage.getByRole('button', { name: 'Delete Stage' }).click();
    const ask = stage.getByRole('group');
    expect(await ask.textContent()).toContain('Delete the angle “Stage”? Viewers stop seeing it at once.');
    // The confirming button has focus: Enter on the keyboard deletes.
    await page.keyboard.press('Enter');
    await stage.waitFor({ state: 'detached' });
    const place = placeSchema.parse(await (await fetch(`${base}/api/places/${placeId}`)).json());
    expect(place.show?.angles.map((a) => a.id)).toEqual(['wide-360']);
  }, 60_000);
});
