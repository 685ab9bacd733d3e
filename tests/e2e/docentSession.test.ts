import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Exhibit, LoginResult, ModelCamera } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { waitSharp } from '../support/tourPage.ts';
import { drag, ready, view, waitView } from '../support/sessionPage.ts';
import { ROOT } from '../support/startVantage.ts';

/**
 * A docent leads a remote group through a museum: a hall's panorama, then an exhibit's 3D
 * view — the viewer's page follows the docent's camera on the model, opens the info point
 * the docent opens, shows the docent's laser on the model, and may look around on its own
 * and snap back. The museum is made here through the host API (a hall from a generated
 * panorama, the meshopt pirate fixture as its exhibit with two info points), on the shared
 * e2e server, beside the demo flat.
 */

const base = inject('baseUrl');
const password = inject('hostPassword');
let browser: Browser;
let login: LoginResult;
const contexts: BrowserContext[] = [];
let museumId = '';
let hallId = '';
let exhibit: Exhibit;
/** Where info point 1 is seen from (set on it below). */
let pointCamera: ModelCamera;
/** The model's largest extent (model units): tolerances are fractions of it. */
let size = 1;

async function api(method: string, url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${login.token}` };
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/api/host${url}`, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

async function makeMuseum() {
  const place = (await (await api('POST', '/places', { kind: 'museum', title: 'Docent test museum', city: 'Xi’an' })).json()) as { id: string };
  museumId = place.id;
  // A hall: a 2:1 panorama with bands of colour (something for the eye and for the pixels).
  const w = 1024, h = 512, raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, (x >> 6) % 2 ? 200 : 60], (y * w + x) * 3);
  const photo = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
  const hallForm = new FormData();
  hallForm.set('photo', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'bronze-hall.jpg');
  hallForm.set('name', 'Bronze hall');
  const hall = (await (await api('POST', `/places/${museumId}/scenes`, hallForm)).json()) as { id: string; initialView: { yaw: number; pitch: number } };
  hallId = hall.id;
  const glb = await readFile(path.join(ROOT, 'tests/fixtures/models/meshoptimizer_pirate.glb'));
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(glb)], { type: 'model/gltf-binary' }), 'pirate.glb');
  form.set('title', 'Pirate');
  const created = (await (await api('POST', `/places/${museumId}/exhibits`, form)).json()) as Exhibit;
  const { min, max } = created.bounds;
  const c = [0, 1, 2].map((i) => (min[i] + max[i]) / 2) as [number, number, number];
  size = Math.max(...[0, 1, 2].map((i) => max[i] - min[i]));
  // Point 1 is seen from the right and above, close; the home view is from the front: far apart.
  pointCamera = { position: [c[0] + size * 1.1, c[1] + size * 0.5, c[2] + size * 0.2], target: [c[0], max[1] - size * 0.15, c[2]], fov: 35 };
  await api('PATCH', `/places/${museumId}/exhibits/${created.id}`, {
    infoPoints: [
      { id: 'hat', position: [c[0], max[1] - size * 0.1, c[2]], camera: pointCamera, title: 'The hat', titleZh: '帽子', text: 'A tricorn, the pirate’s pride.' },
      { id: 'boots', position: [c[0], min[1] + size * 0.05, c[2]], title: 'The boots', text: 'Worn from the deck.' },
    ],
    hall: { sceneId: hallId, yaw: hall.initialView.yaw, pitch: hall.initialView.pitch - 5 },
  });
  await api('PATCH', `/places/${museumId}`, { published: true });
  exhibit = (await (await fetch(`${base}/api/places/${museumId}`)).json() as { exhibits: Exhibit[] }).exhibits[0];
}

beforeAll(async () => {
  browser = await launchChromium();
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password }) });
  expect(res.status).toBe(200);
  login = (await res.json()) as LoginResult;
  await makeMuseum();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (museumId) await api('DELETE', `/places/${museumId}`).catch(() => {});
});

async function newPage(host = false, phone = false): Promise<Page> {
  const ctx = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 960, height: 640 }, locale: 'en-US', hasTouch: phone, isMobile: phone });
  contexts.push(ctx);
  if (host) await ctx.addInitScript((s) => localStorage.setItem('vantage.hostSession', s), JSON.stringify(login));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** The camera of the exhibit view on a page, and whether it follows. */
const modelState = (page: Page) =>
  page.evaluate(() => {
    const s = window.__vantageSession!;
    return { camera: s.driver.model.viewCamera, following: s.driver.follow.following };
  });

/** Largest coordinate difference between two cameras (model units), fov aside. */
const camDiff = (a: ModelCamera, b: ModelCamera) => Math.max(...a.position.map((x, i) => Math.abs(x - b.position[i])), ...a.target.map((x, i) => Math.abs(x - b.target[i])));

async function waitCamera(page: Page, to: ModelCamera, tol: number, timeout = 8000) {
  await page.waitForFunction(
    ({ to, tol }) => {
      const c = window.__vantageSession?.driver.model.viewCamera;
      if (!c) return false;
      const d = Math.max(...c.position.map((x, i) => Math.abs(x - to.position[i])), ...c.target.map((x, i) => Math.abs(x - to.target[i])));
      return d <= tol;
    },
    { to, tol },
    { timeout, polling: 50 },
  );
}

/** The exhibit canvas's pixels: their spread (a blank canvas has none) and how many are laser red. */
async function exhibitPixels(page: Page) {
  const png = await page.locator('.session-exhibit canvas').screenshot();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let i = 0; i < data.length; i += 3) if (data[i] > 200 && data[i + 1] < 70 && data[i + 2] < 70) red++;
  const stats = await sharp(png).stats();
  return { png, red, spread: Math.max(...stats.channels.slice(0, 3).map((c) => c.stdev)), pixels: info.width * info.height };
}

describe('docent-led session in a museum', () => {
  let host: Page;
  let viewer: Page;
  let joinUrl = '';

  it('the docent starts a session in a hall; a viewer joins and follows the view', async () => {
    host = await newPage(true);
    await host.goto(`${base}/places/${museumId}/tour`);
    await waitSharp(host);
    await host.getByRole('button', { name: 'Start guided session' }).click();
    await host.waitForURL(/\/sessions\/[A-Za-z0-9_-]+\/host/);
    joinUrl = await host.getByTestId('join-url').inputValue();
    await host.getByRole('dialog', { name: 'Invite people to this tour' }).getByRole('button', { name: 'Close' }).click();
    await ready(host);

    viewer = await newPage();
    await viewer.goto(joinUrl);
    await viewer.getByLabel('Name', { exact: true }).fill('Mei');
    await viewer.getByRole('button', { name: 'Join', exact: true }).click();
    await viewer.waitForURL(/\/s\/[A-Z0-9-]+/);
    await ready(viewer);
    await drag(host, -200, 40);
    const h = await view(host);
    expect(h.scene).toBe(hallId);
    await waitView(viewer, hallId, h.yaw, h.pitch, 1.5);
  }, 60_000);

  it('the docent opens the hall’s exhibit hotspot: the viewer’s page shows the exhibit, drawn, following the docent’s camera', async () => {
    const viewerPath = new URL(viewer.url()).pathname;
    await host.getByRole('link', { name: 'Pirate' }).click();
    for (const p of [host, viewer]) await p.locator(`.session-exhibit[data-exhibit="${exhibit.id}"][data-status="ready"]`).waitFor({ timeout: 20_000 });
    // Still in the session (the hotspot did not navigate), the exhibit named on screen.
    expect(new URL(viewer.url()).pathname).toBe(viewerPath);
    await expect(viewer.getByTestId('exhibit-title').textContent()).resolves.toBe('Pirate');
    const hostCam = (await modelState(host)).camera!;
    await waitCamera(viewer, hostCam, size * 0.01);
    expect((await exhibitPixels(viewer)).spread).toBeGreaterThan(8);
  }, 60_000);

  it('the docent opens info point 1: the viewer’s camera flies there and the info panel opens for them', async () => {
    const before = await exhibitPixels(viewer);
    const far = camDiff((await modelState(viewer)).camera!, pointCamera);
    expect(far).toBeGreaterThan(size * 0.2);
    await host.locator('.session-exhibit').focus();
    await host.keyboard.press('1');
    await viewer.getByTestId('exhibit-info').getByRole('heading', { name: 'The hat' }).waitFor({ timeout: 5000 });
    await waitCamera(viewer, pointCamera, size * 0.01);
    await expect(viewer.locator('.session-exhibit').getAttribute('data-info-point')).resolves.toBe('hat');
    const after = await exhibitPixels(viewer);
    expect(after.png.equals(before.png)).toBe(false);
  }, 30_000);

  it('the docent clicks the model: a laser dot appears on the model for the viewer', async () => {
    const before = await exhibitPixels(viewer);
    const box = (await host.locator('.session-exhibit canvas').boundingBox())!;
    // Below the centre (the target, on the hat): on the model, clear of point 1's button.
    await host.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + 50);
    const hostLaser = await host.evaluate(() => window.__vantageSession!.driver.model.laser);
    expect(hostLaser).not.toBeNull();
    // The dot the viewer's canvas draws is where the docent's ray met the model (to the millimetre the lane carries).
    await viewer.waitForFunction(
      (p) => {
        const shown = document.querySelector<HTMLCanvasElement>('.session-exhibit canvas')?.dataset.laser?.split(',').map(Number);
        return shown?.length === 3 && shown.every((x, i) => Math.abs(x - p[i]) <= 0.0011);
      },
      hostLaser!,
      { timeout: 5000 },
    );
    await viewer.waitForTimeout(200);
    expect((await exhibitPixels(viewer)).red).toBeGreaterThan(before.red + 10);
  }, 30_000);

  it('the viewer orbits away (looking freely), then Follow snaps the camera back to the docent’s', async () => {
    const box = (await viewer.locator('.session-exhibit canvas').boundingBox())!;
    const x = box.x + box.width / 2, y = box.y + box.height * 0.7;
    await viewer.mouse.move(x, y);
    await viewer.mouse.down();
    await viewer.mouse.move(x - 260, y - 60, { steps: 10 });
    await viewer.mouse.up();
    await viewer.locator('.session-ui[data-following="0"]').waitFor();
    const away = await modelState(viewer);
    const hostCam = (await modelState(host)).camera!;
    expect(camDiff(away.camera!, hostCam)).toBeGreaterThan(size * 0.1);
    // The docent's camera does not pull a viewer who looks on their own.
    await viewer.waitForTimeout(400);
    expect(camDiff((await modelState(viewer)).camera!, away.camera!)).toBeLessThan(1e-6);
    await viewer.getByRole('button', { name: /^Follow/ }).first().click();
    await viewer.locator('.session-ui[data-following="1"]').waitFor();
    await waitCamera(viewer, hostCam, size * 0.01);
  }, 30_000);

  it('a late joiner on a phone lands on the exhibit at the docent’s camera, the point’s panel open and on screen', async () => {
    const phone = await newPage(false, true);
    await phone.goto(joinUrl);
    await phone.getByLabel('Name', { exact: true }).fill('Lin');
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await phone.locator(`.session-exhibit[data-exhibit="${exhibit.id}"][data-status="ready"]`).waitFor({ timeout: 20_000 });
    await waitCamera(phone, (await modelState(host)).camera!, size * 0.01);
    const panel = (await phone.getByTestId('exhibit-info').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
    expect(panel.y + panel.height).toBeLessThanOrEqual(844);
    // Only the docent may take the group back.
    expect(await phone.getByRole('button', { name: /Back to the hall/ }).count()).toBe(0);
    await phone.context().close();
  }, 40_000);

  it('the docent goes back to the hall: the exhibit closes for the viewer', async () => {
    await host.getByRole('button', { name: /Back to the hall/ }).click();
    await viewer.locator('.session-exhibit').waitFor({ state: 'detached' });
    expect((await view(viewer)).scene).toBe(hallId);
  }, 30_000);
});
