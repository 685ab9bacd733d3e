import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HostPlace } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { ROOT } from '../support/startVantage.ts';

const base = inject('baseUrl');
const password = inject('hostPassword');
const EMAIL = 'host@vantage.local';
const PIRATE = path.join(ROOT, 'tests/fixtures/models/meshoptimizer_pirate.glb');
const HALL = path.join(ROOT, 'tests/fixtures/jfk-terminal.jpg');
const TITLE = `Harbour museum ${Date.now().toString(36)}`;
// Where a narrow-screen look at the console is saved for a person to check.
const SHOT_DIR = process.env.VANTAGE_SHOT_DIR ?? '/tmp';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let placeId = '';
let exhibitId = '';

let token: Promise<string> | undefined;
/** The host API as a script calls it, to check what the console saved. */
async function hostApi<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  token ??= fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password }) })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => b.token);
  const res = await fetch(`${base}/api/host${url}`, {
    method: init.method,
    headers: { authorization: `Bearer ${await token}`, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  expect(res.ok, url).toBe(true);
  return (await res.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(async () => {
  await browser?.close();
});

describe('host console: a museum', () => {
  it('creates a museum and uploads a meshopt model: a progress bar with its percent, then the exhibit with its poster', async () => {
    await page.goto(`${base}/host/places/new`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'New place' }).waitFor();
    await page.getByLabel('Kind').selectOption('museum');
    await page.getByLabel('Title (English)').fill(TITLE);
    await page.getByRole('button', { name: 'Create place' }).click();
    await page.waitForURL((u) => /^\/host\/places\/[a-z0-9-]+$/.test(u.pathname) && u.pathname !== '/host/places/new');
    placeId = decodeURIComponent(page.url().split('/').pop()!);
    await page.getByRole('heading', { level: 2, name: 'Exhibits' }).waitFor();

    // Every status line and bar value the upload shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll('.host-upload')) {
          const bar = row.querySelector('progress');
          seen.push(`${row.querySelector('.host-upload-status')?.textContent ?? ''}|${bar ? (bar.hasAttribute('value') ? bar.value : 'indeterminate') : 'none'}`);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    // A slow uplink (16 KB/s): the 24 KB file takes over a second, so the bar is seen moving.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 16 * 1024 });
    await page.getByLabel('Choose models').setInputFiles(PIRATE);
    const bar = page.locator('.host-upload progress[value]');
    await bar.waitFor();
    expect(await bar.getAttribute('aria-labelledby')).toBeTruthy();
    await page.locator('.host-upload[data-state="done"]').waitFor({ timeout: 45_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    const partial = seen.map((s) => /^Uploading (\d+)%\|(\d+)$/.exec(s)).filter((m) => m && +m[1] > 0 && +m[1] < 100 && m[1] === m[2]);
    expect(partial.length, seen.join('\n')).toBeGreaterThan(0);
    expect(seen).toContain('Checking and optimising the model…|indeterminate');
    expect(await page.locator('.host-upload[data-state="done"] .host-upload-status').textContent()).toBe('Added.');

    const row = page.locator('.host-exhibit');
    await expect(row.count()).resolves.toBe(1);
    exhibitId = (await row.getAttribute('data-exhibit'))!;
    expect(await row.getByRole('link', { name: 'meshoptimizer pirate', exact: true }).count()).toBe(1);
    expect(await row.locator('.host-badge').textContent()).toBe('Exhibit');
    // The poster the server rendered is an image that loaded, not a broken icon.
    const poster = row.getByRole('img', { name: 'Poster of meshoptimizer pirate' });
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await poster.elementHandle(), { timeout: 10_000 });
    const posterStats = await sharp(await poster.screenshot()).stats();
    // Not one flat colour: the model is drawn on it.
    expect(Math.max(...posterStats.channels.map((c) => c.stdev))).toBeGreaterThan(8);
  }, 60_000);

  it('refuses a hostile file with one sentence and adds nothing', async () => {
    await page.getByLabel('Choose models').setInputFiles({ name: 'hostile.glb', mimeType: 'model/gltf-binary', buffer: Buffer.from('not a model') });
    const failed = page.locator('.host-upload[data-state="error"]');
    await failed.waitFor({ timeout: 20_000 });
    const text = (await failed.getByRole('alert').textContent())!;
    expect(text.startsWith('Not added: ')).toBe(true);
    const sentence = text.slice('Not added: '.length);
    // One sentence: no stack, no second line, ends like a sentence, names the file.
    expect(sentence).toMatch(/^[^\n]{10,300}[.!]$/);
    expect(sentence).not.toMatch(/\bat \S+:\d+|Error:/);
    expect(sentence).toContain('hostile.glb');
    await expect(page.locator('.host-exhibit').count()).resolves.toBe(1);
    const place = await hostApi<HostPlace>(`/places/${placeId}`);
    expect(place.exhibits?.map((e) => e.id)).toEqual([exhibitId]);
  }, 30_000);

  it('adds an info point by clicking the model in the preview, names it and saves it', async () => {
    await page.getByRole('link', { name: 'Edit meshoptimizer pirate' }).click();
    await page.getByRole('heading', { level: 1, name: 'meshoptimizer pirate' }).waitFor();
    await page.getByLabel('Title (Chinese)').first().fill('海盗');
    const stage = page.locator('.host-preview-stage[data-state="ready"]');
    await stage.waitFor({ timeout: 20_000 });
    await stage.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const box = (await stage.boundingBox())!;
    // The home view frames the model in the middle: a click there lands on it.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const point = page.getByRole('group', { name: /^Info point 1/ });
    await point.waitFor();
    await point.getByLabel('Title (English)').fill('Hat');
    await page.getByRole('button', { name: 'Info point 1: Hat' }).waitFor();
    // The camera the visitor's view flies to: the preview's, turned a little by a drag.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await point.getByRole('button', { name: 'Set camera for this point' }).click();
    await point.getByText('Camera set from the preview.').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // A saved point takes an image (a real PNG: the server sniffs the bytes).
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).png().toBuffer();
    await point.getByLabel('Attach image').setInputFiles({ name: 'hat.png', mimeType: 'image/png', buffer: png });
    await point.getByText('Attached.').waitFor({ timeout: 10_000 });
    await point.locator('img.host-media-thumb').waitFor();
    // No floor plan yet: nowhere to show it, and the page says where to draw one.
    await expect(page.getByLabel('Show on the map').isDisabled()).resolves.toBe(true);
    await page.getByText(/draw it on the Floor plan page first/).waitFor();
    // With a plan drawn (12 × 10 m), its point on the museum map by its coordinates.
    await hostApi(`/places/${placeId}`, { method: 'PATCH', body: { floorPlan: { rooms: [], width: 12, height: 10 } } });
    await page.reload();
    await page.getByLabel('Show on the map').check();
    await page.getByLabel('From the left (m)').fill('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await hostApi<HostPlace>(`/places/${placeId}`)).exhibits!.find((e) => e.id === exhibitId)!;
    expect(saved.titleZh).toBe('海盗');
    expect(saved.map).toEqual({ x: 3, y: 5 });
    expect(saved.infoPoints).toHaveLength(1);
    const [p] = saved.infoPoints;
    expect(p.title).toBe('Hat');
    // On the model: inside its bounds (a little slack for rounding), with a unit normal.
    for (let k = 0; k < 3; k++) {
      expect(p.position[k]).toBeGreaterThanOrEqual(saved.bounds.min[k] - 1e-3);
      expect(p.position[k]).toBeLessThanOrEqual(saved.bounds.max[k] + 1e-3);
    }
    expect(Math.hypot(...p.normal!)).toBeCloseTo(1, 2);
    // The drag turned the model and added no point (one point, above); the camera came from the preview.
    expect(p.camera?.position).toHaveLength(3);
    expect(p.imageUrl).toMatch(/\.png(\?|$)/);
  }, 40_000);

  it('stands the exhibit in a hall: the hall gets a hotspot the room editor shows as that exhibit', async () => {
    await page.goto(`${base}/host/places/${placeId}`);
    const rooms = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Rooms' }) });
    await rooms.getByLabel('choose photos').setInputFiles({ name: 'Great hall.jpg', mimeType: 'image/jpeg', buffer: await readFile(HALL) });
    await rooms.locator('.host-upload[data-state="done"]').waitFor({ timeout: 30_000 });
    await page.goto(`${base}/host/places/${placeId}/exhibits/${exhibitId}`);
    await page.getByLabel('Hall', { exact: true }).selectOption({ label: 'Great hall' });
    await page.getByLabel('Direction (yaw, °)').fill('30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const hall = (await hostApi<HostPlace>(`/places/${placeId}`)).tour.scenes[0];
    expect(hall.hotspots).toMatchObject([{ kind: 'exhibit', exhibitId, yaw: 30, pitch: 0 }]);

    await page.goto(`${base}/host/places/${placeId}/rooms/${hall.id}`);
    const row = page.locator('.host-hotspot-list li').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByLabel('Type').inputValue()).toBe('exhibit');
    const which = row.getByLabel('Exhibit', { exact: true });
    expect(await which.inputValue()).toBe(exhibitId);
    expect(await which.locator('option:checked').textContent()).toBe('meshoptimizer pirate');
  }, 40_000);

  it('prints a QR code per exhibit that a reader decodes to the exhibit page', async () => {
    await page.goto(`${base}/host/places/${placeId}`);
    await page.getByRole('link', { name: 'Print QR codes' }).click();
    await page.getByRole('heading', { level: 1, name: `QR codes — ${TITLE}` }).waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    const card = page.locator(`.host-qr-card[data-exhibit="${exhibitId}"]`);
    await expect(card.locator('.host-qr-title[lang="zh-CN"]').textContent()).resolves.toBe('海盗');
    await expect(card.locator('.host-qr-title[lang="en"]').textContent()).resolves.toBe('meshoptimizer pirate');
    const png = await card.getByRole('img', { name: 'QR code for 海盗 / meshoptimizer pirate' }).screenshot();
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
    expect(code?.data).toBe(`${base}/places/${placeId}/exhibits/${exhibitId}?from=qr`);
    // Printed, the sheet is the cards alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await card.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOT_DIR, 'vantage-host-museum-qr-print.png') });
    await page.emulateMedia({ media: 'screen' });
    // In Chinese, the console's museum words are Chinese too.
    await page.evaluate(() => localStorage.setItem('vantage.lang', 'zh-CN'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `二维码 — ${TITLE}` }).waitFor();
    await page.getByRole('button', { name: '打印' }).waitFor();
    await page.evaluate(() => localStorage.setItem('vantage.lang', 'en'));
  }, 20_000);

  it('fits a 390×844 phone: the exhibits section and the exhibit editor scroll only vertically', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [url, name] of [
      [`/host/places/${placeId}`, 'museum'],
      [`/host/places/${placeId}/exhibits/${exhibitId}`, 'exhibit'],
    ] as const) {
      await page.goto(`${base}${url}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      if (name === 'museum') await page.getByRole('heading', { level: 2, name: 'Exhibits' }).scrollIntoViewIfNeeded();
      else await page.locator('.host-preview-stage[data-state="ready"]').waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SHOT_DIR, `vantage-host-museum-${name}-390.png`), fullPage: true });
    }
    await readFile(path.join(SHOT_DIR, 'vantage-host-museum-museum-390.png'));
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 30_000);

  it('replaces the model (fields and info points stay) and deletes the exhibit after asking', async () => {
    await page.goto(`${base}/host/places/${placeId}`);
    const before = (await hostApi<HostPlace>(`/places/${placeId}`)).exhibits![0];
    const row = page.locator(`.host-exhibit[data-exhibit="${exhibitId}"]`);
    await row.getByLabel('Replace the model of meshoptimizer pirate').setInputFiles(PIRATE);
    await row.getByText('Model replaced.').waitFor({ timeout: 30_000 });
    const after = (await hostApi<HostPlace>(`/places/${placeId}`)).exhibits![0];
    expect(after.modelUrl).not.toBe(before.modelUrl);
    expect(after.infoPoints.map((x) => x.title)).toEqual(['Hat']);
    expect(after.hall).toMatchObject({ yaw: 30 });

    await row.getByRole('button', { name: 'Delete meshoptimizer pirate' }).click();
    const confirm = row.getByRole('group', { name: /Delete “meshoptimizer pirate”/ });
    await confirm.getByRole('button', { name: 'Keep' }).click();
    await expect(page.locator('.host-exhibit').count()).resolves.toBe(1);
    await row.getByRole('button', { name: 'Delete meshoptimizer pirate' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No exhibits yet. Upload a model to add the first.').waitFor();
    const gone = await hostApi<HostPlace>(`/places/${placeId}`);
    expect(gone.exhibits ?? []).toEqual([]);
    // Its hotspot left the hall with it.
    expect(gone.tour.scenes[0].hotspots).toEqual([]);
  }, 40_000);
});
