import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { Exhibit, LoginResult, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { countPixels, meanAbsDiff } from '../support/pixels.ts';

/**
 * The exhibit viewer in Chromium on the real server and built client: the real Draco+KTX2
 * and meshopt models (tests/fixtures/models) render, with every decoder from our origin; the
 * progress bar; info points (click, deep link, keys); a phone's lighter rendition; a model
 * that fails and an exhibit that does not exist. The demo museum (published on first start)
 * is real server data; the fixture models are shown through the demo flat's place with
 * exhibits added on the way to the page (page.route), their bytes served the same way: the
 * host upload re-encodes a model (meshopt, WebP/KTX2), so only this way does the browser
 * decode the jet's own Draco meshes.
 */

const base = inject('baseUrl');
const MODELS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/models');
/** The viewer's clear colour (#1e252c): a pixel near it is background. */
const isBackground = (r: number, g: number, b: number) => Math.abs(r - 0x1e) + Math.abs(g - 0x25) + Math.abs(b - 0x2c) < 24;

let browser: Browser;
let place: Place;
let models: Record<string, Buffer>;

const jet: Exhibit = {
  id: 'jet',
  role: 'exhibit',
  title: 'Fighter jet',
  titleZh: '战斗机',
  description: 'A Draco and KTX2 model.',
  arScale: 1,
  minutes: 3,
  modelUrl: '/test-models/jet.glb',
  usdzUrl: '/test-models/jet.usdz',
  posterUrl: '/test-models/none.webp',
  bytes: 3564588,
  bounds: { min: [-4.446, -1.813, -5.013], max: [9.541, 2.963, 5.013] },
  infoPoints: [
    { id: 'tip', position: [9.541, -0.193, -0.002], normal: [1, 0, 0], title: 'The tip', titleZh: '尖端', text: 'Where the fuselage ends.', textZh: '机身的尽头。' },
    { id: 'tail', position: [-0.382, 0.086, -5.013], normal: [0, 0, -1], title: 'The far side', text: 'Seen only from behind.' },
  ],
};

const pirate: Exhibit = {
  id: 'pirate',
  role: 'exhibit',
  title: 'Pirate',
  description: '',
  arScale: 1,
  minutes: 3,
  modelUrl: '/test-models/pirate.glb',
  usdzUrl: '/test-models/pirate.usdz',
  posterUrl: '/test-models/none.webp',
  bytes: 24696,
  bounds: { min: [-0.761, -0.001, -0.229], max: [0.761, 1.904, 0.226] },
  infoPoints: [{ id: 'hand', position: [0.742, 1.086, 0.071], normal: [0.48, 0.724, 0.496], title: 'His hand', titleZh: '他的手', text: 'A hand that held a cutlass.', textZh: '握过弯刀的手。' }],
};

const broken: Exhibit = { ...jet, id: 'broken', title: 'Broken', modelUrl: '/test-models/gone.glb', infoPoints: [] };

beforeAll(async () => {
  browser = await launchChromium();
  const res = await fetch(`${base}/api/places/demo-flat`);
  expect(res.status).toBe(200);
  place = { ...((await res.json()) as Place), kind: 'museum', exhibits: [jet, pirate, broken] };
  models = {
    '/test-models/jet.glb': await readFile(path.join(MODELS, 'playcanvas_jet-fighter.glb')),
    '/test-models/pirate.glb': await readFile(path.join(MODELS, 'meshoptimizer_pirate.glb')),
  };
});
afterAll(() => browser?.close());
// A page left drawing would starve the next test of the two cores.
afterEach(async () => {
  for (const ctx of browser?.contexts() ?? []) await ctx.close();
});

interface Watched {
  page: Page;
  /** Requests that left our origin. */
  foreign: string[];
  /** Every same-origin path asked for. */
  asked: string[];
  /** CSP violations the page saw. */
  violations: string[];
}

/** A page on which the museum has the exhibits above, the models are served, and every request and CSP violation is recorded. */
async function museumPage(options: BrowserContextOptions = {}): Promise<Watched> {
  const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, locale: 'en-US', ...options });
  const page = await ctx.newPage();
  const w: Watched = { page, foreign: [], asked: [], violations: [] };
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => void (m.type() === 'error' && console.error('console:', m.text())));
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith(base)) w.asked.push(new URL(u).pathname);
    else if (!u.startsWith('blob:') && !u.startsWith('data:')) w.foreign.push(u);
  });
  await ctx.exposeBinding('__exhibitCsp', (_s, v: string) => void w.violations.push(v));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => void (window as unknown as { __exhibitCsp: (v: string) => void }).__exhibitCsp(`${e.effectiveDirective} ${e.blockedURI}`));
    // Every value the progress bar shows, and whether it was ever on screen (it may come and go between polls).
    const seen: number[] = [];
    (window as unknown as { __progressSeen: number[] }).__progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar]');
      if (bar) seen.push(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.route(`${base}/api/places/demo-flat`, (r) => r.fulfill({ json: place }));
  await page.route(`${base}/test-models/**`, (r) => {
    const body = models[new URL(r.request().url()).pathname];
    return body ? r.fulfill({ body, contentType: 'model/gltf-binary' }) : r.fulfill({ status: 404, body: 'Not found' });
  });
  return w;
}

const stage = (page: Page) => page.locator('.exhibit-stage');

async function waitReady(page: Page) {
  await page.locator('.exhibit-stage[data-status="ready"]').waitFor({ timeout: 90_000 });
  await page.locator('.exhibit-stage[data-flying="0"]').waitFor({ timeout: 30_000 });
}

/** The canvas alone, overlays hidden: what WebGL drew. Two frames first, so the last change is on screen. */
async function canvasShot(page: Page): Promise<Buffer> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const style = await page.addStyleTag({ content: '.exhibit-points,.exhibit-reset,.exhibit-progress{visibility:hidden !important}' });
  try {
    return await page.locator('.exhibit-scene canvas').screenshot();
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

/** The share of the canvas that is not background: the model's silhouette. */
async function modelShare(png: Buffer, w: number, h: number): Promise<number> {
  return (await countPixels(png, (r, g, b) => !isBackground(r, g, b))) / (w * h);
}

describe('exhibit viewer', () => {
  it('renders the Draco + KTX2 model with our own decoders, shows progress, and flies to info point 1 when it is clicked', async () => {
    const { page, foreign, asked, violations } = await museumPage();
    await page.goto(`${base}/places/demo-flat/exhibits/jet`);
    await page.getByRole('heading', { level: 1, name: 'Fighter jet' }).waitFor({ timeout: 60_000 });
    await waitReady(page);
    // The progress bar was shown, reached 100 and is gone once the model is drawn.
    const seen = await page.evaluate(() => (window as unknown as { __progressSeen: number[] }).__progressSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBe(100);
    expect(await page.getByRole('progressbar').count()).toBe(0);

    const home = await canvasShot(page);
    const share = await modelShare(home, 800, await stage(page).evaluate((el) => el.clientHeight));
    // The jet is drawn: a blank or failed canvas is all clear colour (0); the thin jet covers ~5 %.
    expect(share).toBeGreaterThan(0.03);

    // Every decoder came from our own origin, and nothing else left it.
    for (const f of ['/static/decoders/draco/draco_wasm_wrapper.js', '/static/decoders/draco/draco_decoder.wasm', '/static/decoders/basis/basis_worker.js', '/static/decoders/basis/basis_transcoder.wasm']) expect(asked).toContain(f);
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
    // The viewer is a chunk of its own.
    expect(asked.some((p) => /^\/assets\/ExhibitPage-[^/]+\.js$/.test(p))).toBe(true);

    // Point 1 faces the camera and is a button; point 2 is on the far side and hidden.
    const one = page.getByRole('button', { name: 'Point 1: The tip' });
    await one.waitFor({ timeout: 60_000 });
    expect(await page.locator('.exhibit-point[data-visible="1"]').count()).toBe(1);
    // A round 44 px touch target (the page's button rule once stretched it into an oval).
    const dot = (await one.boundingBox())!;
    expect(Math.round(dot.width)).toBe(Math.round(dot.height));
    expect(dot.width).toBeGreaterThanOrEqual(44);
    await one.click();
    await page.getByRole('heading', { level: 2, name: /The tip/ }).waitFor({ timeout: 60_000 });
    await page.getByText('Where the fuselage ends.').waitFor({ timeout: 60_000 });
    await page.locator('.exhibit-stage[data-flying="1"]').waitFor({ timeout: 10_000 }).catch(() => {});
    await page.locator('.exhibit-stage[data-flying="0"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('point')).toBe('tip');
    const there = await canvasShot(page);
    await writeFile('/tmp/vantage-exhibit-point.png', there);
    // Identical frames differ by 0; most of both is the clear colour, so the change is a few units.
    expect(await meanAbsDiff(home, there)).toBeGreaterThan(2);
    // The camera has come to the point: its button sits in the middle of the view.
    const [box, view] = await Promise.all([one.boundingBox(), stage(page).boundingBox()]);
    expect(Math.abs(box!.x + box!.width / 2 - (view!.x + view!.width / 2))).toBeLessThan(view!.width * 0.05);
    expect(Math.abs(box!.y + box!.height / 2 - (view!.y + view!.height / 2))).toBeLessThan(view!.height * 0.05);

    // The keys: 0 flies home (the picture comes back), an arrow turns the model.
    await stage(page).focus();
    await page.keyboard.press('0');
    await page.locator('.exhibit-stage[data-flying="0"]').waitFor({ timeout: 30_000 });
    const back = await canvasShot(page);
    expect(await meanAbsDiff(home, back)).toBeLessThan(3);
    await page.keyboard.press('ArrowRight');
    expect(await meanAbsDiff(back, await canvasShot(page))).toBeGreaterThan(3);
    // The deep link is not reached by the catalogue page: the exhibit code is only on exhibit pages.
    const catalogue = await museumPage();
    await catalogue.page.goto(`${base}/`);
    await catalogue.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(catalogue.asked.some((p) => /ExhibitPage|ExhibitScene/.test(p))).toBe(false);
  });

  it('on a phone (390 × 844) the demo museum’s exhibit opens at the ?point= of its deep link, in its lighter rendition', async () => {
    // Real server data: the demo museum published on first start (no interception).
    const res = await fetch(`${base}/api/places/demo-museum`);
    expect(res.status, 'the demo museum must exist on first start').toBe(200);
    const museum = (await res.json()) as Place;
    const vase = museum.exhibits?.find((e) => e.id === 'meiping-vase');
    expect(vase?.infoPoints.length).toBeGreaterThan(1);
    const point = vase!.infoPoints[1];
    const { page, asked, foreign, violations } = await museumPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    await page.goto(`${base}/places/demo-museum/exhibits/meiping-vase?point=${point.id}`);
    // The point's panel is open from the start, with its text, and its buttons are pressed.
    await page.getByRole('heading', { level: 2, name: point.title }).waitFor({ timeout: 60_000 });
    await page.getByText(point.text.slice(0, 40)).waitFor({ timeout: 10_000 });
    await waitReady(page);
    const path = (u: string) => new URL(u, base).pathname;
    expect(asked).toContain(path(vase!.phoneModelUrl ?? vase!.modelUrl));
    if (vase!.phoneModelUrl) expect(asked).not.toContain(path(vase!.modelUrl));
    const { width, height } = await stage(page).evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    const near = await canvasShot(page);
    expect(await modelShare(near, width, height)).toBeGreaterThan(0.1);
    expect(await page.getByRole('button', { name: `Point 2: ${point.title}` }).first().getAttribute('aria-pressed')).toBe('true');
    // Closing the panel drops the point from the address; Reset brings the whole vase into view.
    await page.getByRole('button', { name: 'Close' }).click();
    expect(new URL(page.url()).searchParams.has('point')).toBe(false);
    await page.getByRole('button', { name: 'Reset view' }).click();
    await page.locator('.exhibit-stage[data-flying="0"]').waitFor({ timeout: 30_000 });
    const whole = await canvasShot(page);
    expect(await meanAbsDiff(near, whole)).toBeGreaterThan(3);
    expect(await modelShare(whole, width, height)).toBeGreaterThan(0.03);
    // Nothing scrolls sideways at phone width (the page is saved for a person to look at).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/vantage-exhibit-phone.png', fullPage: true });
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('the demo sand table at ?era= of its first era hides later buildings; "All eras" shows them; the arrow keys step between eras', async () => {
    const museum = (await (await fetch(`${base}/api/places/demo-museum`)).json()) as Place;
    const eras = [...(museum.exhibits?.find((e) => e.id === 'sand-table')?.eras ?? [])].sort((a, b) => a.year - b.year);
    expect(eras.length).toBeGreaterThan(1);
    const { page } = await museumPage();
    await page.goto(`${base}/places/demo-museum/exhibits/sand-table?era=${eras[0].id}`);
    await waitReady(page);
    const first = page.getByRole('radio', { name: eras[0].label });
    expect(await first.isChecked()).toBe(true);
    const { width, height } = await stage(page).evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    const early = await canvasShot(page);
    await page.getByRole('radio', { name: 'All eras' }).check();
    expect(new URL(page.url()).searchParams.has('era')).toBe(false);
    await page.getByText('Showing every era’s buildings.').waitFor({ timeout: 10_000 });
    const all = await canvasShot(page);
    // Later eras' buildings stand above the table: more of the canvas is model, and the picture changed.
    expect(await meanAbsDiff(early, all)).toBeGreaterThan(0.5);
    expect(await modelShare(all, width, height)).toBeGreaterThan(await modelShare(early, width, height));
    // Keyboard: the radio group's arrow keys go back to the first era, and the address follows.
    await page.getByRole('radio', { name: 'All eras' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await first.isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('era')).toBe(eras[0].id);
    expect(await meanAbsDiff(early, await canvasShot(page))).toBeLessThan(0.5);
  });

  it('renders the meshopt model (a deep link opens its point), and says so in one sentence when a model cannot be loaded or an exhibit does not exist', async () => {
    const { page, foreign } = await museumPage();
    await page.goto(`${base}/places/demo-flat/exhibits/pirate?point=hand`);
    await page.getByRole('heading', { level: 2, name: /His hand/ }).waitFor({ timeout: 60_000 });
    await waitReady(page);
    expect(await modelShare(await canvasShot(page), 800, await stage(page).evaluate((el) => el.clientHeight))).toBeGreaterThan(0.1);
    expect(foreign).toEqual([]);

    await page.goto(`${base}/places/demo-flat/exhibits/broken`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(/^This model could not be loaded — the server answered 404; try again later\./);
    await page.getByRole('button', { name: 'Try again' }).waitFor({ timeout: 60_000 });

    await page.goto(`${base}/places/demo-flat/exhibits/no-such-thing`);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('This museum has no such exhibit, or it was removed.');
    expect(await page.getByRole('link', { name: /Back to/ }).getAttribute('href')).toBe('/places/demo-flat');
  });
  it('the two real models go through the host upload (validated, re-encoded) and render from what the server made of them', async () => {
    const login = (await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'host@vantage.local', password: inject('hostPassword') }) })).json()) as LoginResult;
    const api = (method: string, url: string, body?: FormData | object) =>
      fetch(`${base}/api/host${url}`, {
        method,
        headers: { authorization: `Bearer ${login.token}`, ...(body && !(body instanceof FormData) && { 'content-type': 'application/json' }) },
        body: body instanceof FormData ? body : body && JSON.stringify(body),
      });
    const museum = (await (await api('POST', '/places', { kind: 'museum', title: 'Upload render museum', city: 'Test' })).json()) as { id: string };
    try {
      for (const [file, title] of [['playcanvas_jet-fighter.glb', 'Jet'], ['meshoptimizer_pirate.glb', 'Pirate']]) {
        const form = new FormData();
        form.set('file', new Blob([new Uint8Array(await readFile(path.join(MODELS, file)))], { type: 'model/gltf-binary' }), file);
        form.set('title', title);
        const res = await api('POST', `/places/${museum.id}/exhibits`, form);
        expect(res.status, await res.clone().text()).toBe(201);
      }
      expect((await api('PATCH', `/places/${museum.id}`, { published: true })).status).toBe(200);
      const served = (await (await fetch(`${base}/api/places/${museum.id}`)).json()) as Place;
      expect(served.exhibits?.map((e) => e.title)).toEqual(['Jet', 'Pirate']);
      for (const e of served.exhibits!) {
        expect(e.modelUrl).toMatch(new RegExp(`/tiles/${museum.id}/_exhibits/${e.id}/`));
        const ctx = await browser.newContext({ viewport: { width: 800, height: 600 } });
        const page = await ctx.newPage();
        const foreign: string[] = [];
        page.on('request', (r) => void (!r.url().startsWith(base) && !/^(blob|data):/.test(r.url()) && foreign.push(r.url())));
        await page.goto(`${base}/places/${museum.id}/exhibits/${e.id}`);
        await waitReady(page);
        const share = await modelShare(await canvasShot(page), 800, await stage(page).evaluate((el) => el.clientHeight));
        expect(share, `${e.title}: the model's silhouette covers part of the view`).toBeGreaterThan(0.05);
        expect(foreign).toEqual([]);
        await ctx.close();
      }
    } finally {
      await api('DELETE', `/places/${museum.id}`);
    }
  });
});
