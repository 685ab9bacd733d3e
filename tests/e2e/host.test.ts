import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HostPlace, PlaceSummary } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { meanAbsDiff } from '../support/pixels.ts';
import { ROOT } from '../support/startVantage.ts';
import { panoramaShot, waitSharp } from '../support/tourPage.ts';

const base = inject('baseUrl');
const password = inject('hostPassword');
const EMAIL = 'host@vantage.local';
const SOURCE = path.join(ROOT, 'tests/fixtures/jfk-terminal.jpg');
const TITLE = `Terminal loft ${Date.now().toString(36)}`;

let browser: Browser;
let tmp: string;
let host: BrowserContext;
let page: Page;
let placeId = '';

beforeAll(async () => {
  browser = await launchChromium();
  // Two rooms from one real panorama: the original and a mirror image (so walking changes the picture).
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vantage-host-e2e-'));
  await copyFile(SOURCE, path.join(tmp, 'Lobby.jpg'));
  await sharp(SOURCE).flop().jpeg({ quality: 85 }).toFile(path.join(tmp, 'Gate.jpg'));
  await writeFile(path.join(tmp, 'notes.txt'), 'not a photo');
  host = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await host.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function signIn(p: Page, pass = password) {
  await p.getByLabel('Email').fill(EMAIL);
  await p.getByLabel('Password').fill(pass);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

let token: Promise<string> | undefined;
/** The host API as a script would call it, to check what the console saved (one sign-in: they are rate-limited). */
async function hostApi<T>(method: string, url: string): Promise<T> {
  token ??= fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password }) })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => b.token);
  const res = await fetch(`${base}/api/host${url}`, { method, headers: { authorization: `Bearer ${await token}` } });
  expect(res.ok, `${method} ${url}`).toBe(true);
  return (await res.json()) as T;
}

/** What a visitor can see: the public API and the catalogue page. */
async function publicVisibility(id: string) {
  const api = await fetch(`${base}/api/places/${id}`);
  const list = (await (await fetch(`${base}/api/places`)).json()) as PlaceSummary[];
  const visitor = await browser.newPage();
  await visitor.goto(base);
  await visitor.getByRole('heading', { level: 1 }).waitFor();
  await visitor.locator('.cards, .empty-state').first().waitFor();
  const card = await visitor.getByRole('link', { name: new RegExp(TITLE) }).count();
  const cardText = card ? await visitor.getByRole('link', { name: new RegExp(TITLE) }).textContent() : '';
  await visitor.close();
  return { status: api.status, listed: list.some((p) => p.id === id), card, cardText };
}

describe('host console', () => {
  it('asks to sign in at any /host address, refuses a wrong password clearly, then opens the page asked for', async () => {
    await page.goto(`${base}/host/places/new`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to the host console' }).waitFor();
    await signIn(page, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('do not match');
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'New place' }).waitFor();
    expect(page.url()).toBe(`${base}/host/places/new`);
  });

  it('creates a place; the form shows field errors; publishing without rooms says why', async () => {
    await page.getByRole('button', { name: 'Create place' }).click();
    const title = page.getByLabel('Title (English)');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.f-title .host-field-error').textContent()).toBe('This is required.');
    // Focus goes to the first field that needs attention.
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);

    await title.fill(TITLE);
    await page.getByLabel('City (English)').fill('New York');
    await page.getByLabel('Latitude').fill('40.6413');
    await page.getByLabel('Longitude').fill('-73.7781');
    await page.getByLabel('Price').fill('1,250,000');
    await page.getByLabel('Currency').selectOption('USD');
    await page.getByRole('button', { name: 'Create place' }).click();
    await page.waitForURL((u) => /^\/host\/places\/[a-z0-9-]+$/.test(u.pathname) && u.pathname !== '/host/places/new');
    placeId = decodeURIComponent(page.url().split('/').pop()!);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const created = await hostApi<HostPlace>('GET', `/places/${placeId}`);
    expect(created).toMatchObject({ title: TITLE, city: 'New York', lat: 40.6413, price: 1250000, currency: 'USD', published: false });

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Upload at least one room before publishing.');
  });

  it('uploads several photos at once (drop or pick): a progress state per file, the server’s reason for a bad one', async () => {
    // Dropping files works like picking them.
    const files = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['just text'], 'readme.txt', { type: 'text/plain' }));
      return dt;
    });
    await page.locator('.host-dropzone').dispatchEvent('drop', { dataTransfer: files });
    const dropped = page.locator('.host-upload[data-state="error"]');
    await dropped.waitFor();
    expect(await dropped.getByRole('alert').textContent()).toContain('"readme.txt" is not a JPEG, PNG or WebP photo');
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await dropped.waitFor({ state: 'detached' });

    await page.getByLabel('choose photos').setInputFiles(['Lobby.jpg', 'Gate.jpg', 'notes.txt'].map((f) => path.join(tmp, f)));
    const rows = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(3);
    // While the server tiles, the file shows an indeterminate bar (a <progress> without a value).
    await page.locator('.host-upload[data-state="processing"] progress:not([value])').first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('.host-upload[data-state="done"]').length === 2, null, { timeout: 60_000 });
    const bad = page.locator('.host-upload[data-state="error"]');
    await bad.waitFor();
    expect(await bad.getByRole('alert').textContent()).toContain('"notes.txt" is not a JPEG, PNG or WebP photo');
    const rooms = page.getByRole('list', { name: 'Rooms' });
    await rooms.getByText('Lobby', { exact: true }).waitFor();
    await rooms.getByText('Gate', { exact: true }).waitFor();
    // Still a draft: nobody else sees it.
    expect(await publicVisibility(placeId)).toMatchObject({ status: 404, listed: false, card: 0 });
  });

  it('places a hotspot by clicking the panorama, drags it, links it to the other room, sets north, saves', async () => {
    await page.getByRole('link', { name: 'Hotspots and view: Lobby' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hotspots in Lobby' }).waitFor();
    // Picking needs a drawn frame (the camera that drew it), not every tile.
    await page.waitForFunction(() => window.__vantageHost?.tour.viewer.status.previewReady === true, null, { timeout: 60_000 });
    const pano = page.getByRole('application', { name: /Panorama/ });
    const box = (await pano.boundingBox())!;
    const view = await page.evaluate(() => window.__vantageHost!.tour.view.view);
    expect(view).toEqual({ yaw: 0, pitch: 0, fov: 90 });

    // Three quarters across at mid height: atan(0.5 · tan 45°) ≈ 26.57° right of the view, level.
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.5);
    const yawField = page.getByLabel('Yaw (°)');
    const pitchField = page.getByLabel('Pitch (°)');
    expect(Number(await yawField.inputValue())).toBeCloseTo(26.57, 0);
    expect(Math.abs(Number(await pitchField.inputValue()))).toBeLessThan(0.5);
    const marker = page.getByRole('button', { name: /^Hotspot to Gate/ });
    await marker.waitFor();

    // Drag the marker to 60 % across: atan(0.2 · tan 45°) ≈ 11.31°.
    const m = (await marker.boundingBox())!;
    await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    expect(Number(await yawField.inputValue())).toBeCloseTo(11.31, 0);
    await page.getByLabel('Leads to').selectOption({ label: 'Gate' });

    // Turn with the keyboard, then call that direction north.
    await pano.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    const turned = await page.evaluate(() => window.__vantageHost!.tour.view.view.yaw);
    expect(turned).toBeLessThan(-5);
    await page.getByRole('button', { name: 'This direction is north' }).click();

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved.').waitFor();
    const saved = await hostApi<HostPlace>('GET', `/places/${placeId}`);
    const lobby = saved.tour.scenes.find((s) => s.id === 'lobby')!;
    expect(lobby.hotspots).toHaveLength(1);
    const h = lobby.hotspots[0];
    expect(h.kind === 'scene' && h.target).toBe('gate');
    expect(h.yaw).toBeCloseTo(11.31, 0);
    expect(Math.abs(h.pitch)).toBeLessThan(0.5);
    expect(lobby.north).toBeCloseTo(turned, 0);
  });

  it('publishes: the place is in the catalogue with its listing, and its tour walks from room 1 to room 2 by the hotspot', async () => {
    await page.getByRole('link', { name: `← ${TITLE}` }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('combobox', { name: 'Start room' }).selectOption({ label: 'Lobby' });
    await expect.poll(() => hostApi<HostPlace>('GET', `/places/${placeId}`).then((p) => p.tour.startScene)).toBe('lobby');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('button', { name: 'Unpublish' }).waitFor();
    expect(await page.locator('.host-publish .host-badge').textContent()).toBe('Published');

    const seen = await publicVisibility(placeId);
    expect(seen).toMatchObject({ status: 200, listed: true, card: 1 });
    // Publishing must not cost the listing its fields.
    expect(seen.cardText).toContain('New York');

    const visitor = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await visitor.goto(`${base}/places/${placeId}/tour?yaw=0&pitch=0&fov=90`);
    await waitSharp(visitor, 60_000);
    expect(await visitor.getByTestId('room-name').textContent()).toBe('Lobby');
    const before = await panoramaShot(visitor);
    await visitor.getByRole('button', { name: 'Gate', exact: true }).click();
    await visitor.waitForFunction(() => window.__vantage?.status().sceneId === 'gate');
    expect(await visitor.getByTestId('room-name').textContent()).toBe('Gate');
    await waitSharp(visitor, 60_000);
    expect(await meanAbsDiff(before, await panoramaShot(visitor)), 'the picture changed to the other room').toBeGreaterThan(5);
    await visitor.close();
  });

  it('sets the floor-plan scale and drags a room to its place on the plan', async () => {
    await page.getByRole('link', { name: 'Floor plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Floor plan' }).waitFor();
    const width = page.getByLabel('Width (m)');
    await width.fill('12');
    const board = (await page.getByTestId('plan-board').boundingBox())!;
    const marker = page.getByRole('button', { name: /^Lobby at / });
    const mb = (await marker.boundingBox())!;
    await page.mouse.move(mb.x + mb.width / 2, mb.y + mb.height / 2);
    await page.mouse.down();
    await page.mouse.move(board.x + board.width * 0.25, board.y + board.height * 0.75, { steps: 6 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved.').waitFor();
    const p = await hostApi<HostPlace>('GET', `/places/${placeId}`);
    expect(p.tour.floorPlan).toMatchObject({ width: 12, height: 8 });
    const floor = p.tour.scenes.find((s) => s.id === 'lobby')!.floor;
    expect(floor.x).toBeCloseTo(3, 0);
    expect(floor.y).toBeCloseTo(6, 0);
    expect(p.published, 'saving the plan keeps the place published').toBe(true);
  });

  it('unpublishing hides the place from visitors again', async () => {
    await page.goto(`${base}/host/places/${placeId}`);
    await page.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).waitFor();
    expect(await publicVisibility(placeId)).toMatchObject({ status: 404, listed: false, card: 0 });
    const visitor = await browser.newPage();
    const res = await visitor.goto(`${base}/places/${placeId}`);
    expect(res!.status()).toBe(404);
    await visitor.close();
  });

  it('signs out; the console then asks to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to the host console' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in to the host console' }).waitFor();
  });

  it('works in Chinese at phone width: labelled form, no sideways scrolling', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await phone.goto(`${base}/host/places/${placeId}`);
    await phone.getByRole('heading', { level: 1, name: '登录房东后台' }).waitFor();
    await phone.getByLabel('邮箱').fill(EMAIL);
    await phone.getByLabel('密码').fill(password);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await phone.getByRole('heading', { level: 2, name: '房间' }).waitFor();
    await phone.getByRole('button', { name: '发布', exact: true }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.getByRole('link', { name: '热点和视角: Lobby' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Lobby的热点' }).waitFor();
    await phone.getByRole('button', { name: /^前往Gate的热点/ }).waitFor({ state: 'attached' });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await ctx.close();
  });
});
