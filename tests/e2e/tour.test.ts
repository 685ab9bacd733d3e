import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { countPixels, meanAbsDiff, pixelStats } from '../support/pixels.ts';
import { panoramaShot, recordTileRequests, waitSharp } from '../support/tourPage.ts';

const base = inject('baseUrl');
let browser: Browser;
let demo: Place;

async function newPage(viewport = { width: 1280, height: 720 }, locale = 'en-US'): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  const res = await fetch(`${base}/api/places/demo-flat`);
  expect(res.status, 'the demo flat must exist on first start').toBe(200);
  demo = (await res.json()) as Place;
});
afterAll(() => browser?.close());

function sceneHotspot(sceneId: string) {
  const scene = demo.tour.scenes.find((s) => s.id === sceneId)!;
  const h = scene.hotspots.find((x) => x.kind === 'scene')!;
  if (h.kind !== 'scene') throw new Error('no scene hotspot');
  return { scene, hotspot: h, target: demo.tour.scenes.find((s) => s.id === h.target)! };
}

describe('catalogue → place → tour', () => {
  it('walks from the catalogue card to the listing to the tour', async () => {
    const page = await newPage();
    await page.goto(base);
    const card = page.getByRole('link', { name: new RegExp(demo.title) });
    await card.click();
    await page.waitForURL(`${base}/places/demo-flat`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(demo.title);
    for (const s of demo.tour.scenes) expect(await page.getByRole('link', { name: s.name, exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Enter the 360° tour' }).click();
    await page.waitForURL(/\/places\/demo-flat\/tour/);
    await waitSharp(page);
    const start = demo.tour.scenes.find((s) => s.id === demo.tour.startScene)!;
    expect(await page.getByTestId('room-name').textContent()).toBe(start.name);
    await page.context().close();
  });

  it('shows the catalogue in Chinese for a zh-CN browser', async () => {
    const page = await newPage(undefined, 'zh-CN');
    await page.goto(base);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('可以实景漫游的地点');
    await page.context().close();
  });
});

describe('tour', () => {
  it('renders the panorama: a sharp, detailed picture, sharper than the preview', async () => {
    const page = await newPage();
    // Hold back tiles to catch the preview on screen first.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await page.route(/\/tiles\/.*\/\d+\/[frblud]\//, async (route) => {
      await gate;
      await route.continue();
    });
    // Not until 'load': the tour link's first paint holds it until its (held back) tiles are in.
    await page.goto(`${base}/places/demo-flat/tour`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.__vantage?.status().previewReady === true);
    await page.waitForTimeout(300);
    const preview = await pixelStats(await panoramaShot(page));
    release();
    await waitSharp(page);
    const sharp = await pixelStats(await panoramaShot(page));
    expect(preview.stdev, 'the preview is a picture, not a blank canvas').toBeGreaterThan(10);
    expect(sharp.stdev).toBeGreaterThan(10);
    expect(sharp.mean).toBeGreaterThan(20);
    expect(sharp.detail, 'tiles add detail over the preview').toBeGreaterThan(preview.detail * 1.3);
    await page.context().close();
  });

  it('creates its WebGL context in a task of its own, not in the one that mounts the scene', async () => {
    // Together they were one ~50 ms task on software GL: a dropped frame for someone already
    // dragging the first paint. Probe: is the task that created the tour's context still
    // running when the first shader program is made (the scene's warm-up)?
    const page = await newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __glTasks: { context: number; programInContextTask: boolean | null } };
      w.__glTasks = { context: 0, programInContextTask: null };
      let inContextTask = false;
      const getContext = HTMLCanvasElement.prototype.getContext as (this: HTMLCanvasElement, id: string, o?: unknown) => RenderingContext | null;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, id: string, o?: unknown) {
        if (id.startsWith('webgl') && this.closest('.tour-canvas')) {
          w.__glTasks.context++;
          inContextTask = true;
          setTimeout(() => (inContextTask = false)); // a timer runs once this task is over
        }
        return getContext.call(this, id, o);
      } as typeof HTMLCanvasElement.prototype.getContext;
      const createProgram = WebGL2RenderingContext.prototype.createProgram;
      WebGL2RenderingContext.prototype.createProgram = function (this: WebGL2RenderingContext) {
        w.__glTasks.programInContextTask ??= inContextTask;
        return createProgram.call(this);
      };
    });
    await page.goto(`${base}/places/demo-flat/tour?scene=living`);
    await waitSharp(page);
    const probe = await page.evaluate(() => (window as unknown as { __glTasks: { context: number; programInContextTask: boolean | null } }).__glTasks);
    expect(probe.context, 'one WebGL context for the tour').toBe(1);
    expect(probe.programInContextTask, 'the scene was mounted in a later task').toBe(false);
    await page.context().close();
  });

  it('a sharp view has no seams: nothing behind the panorama shows where tiles meet', async () => {
    // Once a view is sharp only its tiles are drawn (no preview under them), so any gap
    // between neighbouring quads would show the page behind: make that page magenta.
    const page = await newPage();
    const magenta = (png: Buffer) => countPixels(png, (r, g, b) => r > 200 && g < 60 && b > 200);
    // Level-2 tile corners, a cube edge and corner, zoomed in and out.
    for (const [yaw, pitch, fov] of [[100, -40, 100], [45, 0, 89], [0, 45, 60], [-135, 35, 75]]) {
      await page.goto(`${base}/places/demo-flat/tour?scene=living&yaw=${yaw}&pitch=${pitch}&fov=${fov}`);
      await page.addStyleTag({ content: '.tour, .tour-canvas, .tour-canvas canvas { background: #ff00ff !important; }' });
      await waitSharp(page);
      await page.waitForFunction(() => !document.querySelector('[data-first-paint]'));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await magenta(await panoramaShot(page)), `background pixels in the sharp view at yaw ${yaw}, pitch ${pitch}, fov ${fov}`).toBe(0);
    }
    await page.context().close();
  });

  it('a hotspot button walks to the next room: picture, HUD and URL change', async () => {
    const page = await newPage();
    const { scene, hotspot, target } = sceneHotspot(demo.tour.startScene);
    await page.goto(`${base}/places/demo-flat/tour?scene=${scene.id}&yaw=${hotspot.yaw}&pitch=${hotspot.pitch}&fov=90`);
    await waitSharp(page);
    const before = await panoramaShot(page);
    const button = page.getByRole('button', { name: target.name, exact: true });
    await button.click();
    await page.waitForFunction((id) => window.__vantage?.status().sceneId === id, target.id);
    expect(await page.getByTestId('room-name').textContent()).toBe(target.name);
    await waitSharp(page);
    await page.waitForURL(new RegExp(`scene=${target.id}`));
    const after = await panoramaShot(page);
    expect(await meanAbsDiff(before, after)).toBeGreaterThan(8);
    await page.context().close();
  });

  it('hotspots are keyboard buttons: Tab reaches one, Enter walks there', async () => {
    const page = await newPage();
    const { scene, target } = sceneHotspot(demo.tour.startScene);
    await page.goto(`${base}/places/demo-flat/tour?scene=${scene.id}`);
    await waitSharp(page);
    const button = page.getByRole('button', { name: target.name, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => window.__vantage?.status().sceneId === id, target.id);
    await page.context().close();
  });

  it('requests a small subset of tiles at start; zooming in and turning around request new ones', async () => {
    // A small window zoomed out needs a coarser level than the top one.
    const page = await newPage({ width: 640, height: 360 });
    const tiles = recordTileRequests(page, 'demo-flat');
    const start = demo.tour.scenes.find((s) => s.id === demo.tour.startScene)!;
    await page.goto(`${base}/places/demo-flat/tour?scene=${start.id}&yaw=0&pitch=0&fov=110`);
    await waitSharp(page);
    const levelTiles = (l: number) => {
      const { size, tileSize } = start.levels[l];
      return 6 * Math.ceil(size / tileSize) ** 2;
    };
    const atStart = [...new Set(tiles.filter((u) => u.includes(`/${start.id}/`) && !/\/preview\.\w+$/.test(u)))];
    const startLevel = await page.evaluate(() => window.__vantage!.status().level);
    expect(startLevel).toBeLessThan(start.levels.length - 1);
    expect(atStart.length).toBeGreaterThan(0);
    expect(atStart.length).toBeLessThanOrEqual(levelTiles(startLevel) / 3);
    // Zoom in with the keyboard: a finer level is chosen and its tiles fetched.
    const beforeZoom = tiles.length;
    await page.locator('.tour-canvas').focus();
    for (let i = 0; i < 8; i++) await page.keyboard.press('+');
    await page.waitForFunction((l) => window.__vantage!.status().level > l, startLevel);
    await waitSharp(page);
    const afterZoom = tiles.slice(beforeZoom);
    const finer = await page.evaluate(() => window.__vantage!.status().level);
    expect(afterZoom.some((u) => u.includes(`/${start.id}/`) && u.split('/').at(-3) === String(finer))).toBe(true);
    // Turn around by dragging: tiles of the back face arrive.
    const n = tiles.length;
    await page.evaluate(() => window.__vantage!.tour.view.setView({ yaw: 180, pitch: 0, fov: 60 }));
    await waitSharp(page);
    expect(tiles.slice(n).some((u) => u.includes('/b/'))).toBe(true);
    await page.context().close();
  });

  it('drag and arrow keys turn the view; the URL follows', async () => {
    const page = await newPage();
    await page.goto(`${base}/places/demo-flat/tour?yaw=0&pitch=0&fov=90`);
    await waitSharp(page);
    const canvas = page.locator('.tour-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 600, box.y + 400);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, box.y + 400, { steps: 10 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    const yaw = await page.evaluate(() => window.__vantage!.tour.view.view.yaw);
    expect(yaw, 'dragging left turns right').toBeGreaterThan(10);
    await canvas.focus();
    await page.keyboard.down('ArrowUp');
    await page.waitForTimeout(400);
    await page.keyboard.up('ArrowUp');
    const pitch = await page.evaluate(() => window.__vantage!.tour.view.view.pitch);
    expect(pitch).toBeGreaterThan(5);
    await page.waitForURL((u) => Number(new URL(u).searchParams.get('pitch')) > 5);
    await page.context().close();
  });

  it('a copied deep link reopens the exact room and view', async () => {
    const page = await newPage();
    const other = demo.tour.scenes.find((s) => s.id !== demo.tour.startScene)!;
    await page.goto(`${base}/places/demo-flat/tour`);
    await waitSharp(page);
    await page.evaluate((id) => {
      window.__vantage!.tour.goTo(id, { yaw: 123.4, pitch: -12.5, fov: 70 });
    }, other.id);
    await page.waitForURL(/yaw=123\.4/);
    await waitSharp(page);
    const link = page.url();
    expect(link).toContain(`scene=${other.id}`);
    const original = await panoramaShot(page);
    const second = await newPage();
    await second.goto(link);
    await waitSharp(second);
    expect(await second.getByTestId('room-name').textContent()).toBe(other.name);
    const view = await second.evaluate(() => window.__vantage!.tour.view.view);
    expect(view.yaw).toBeCloseTo(123.4, 6);
    expect(view.pitch).toBeCloseTo(-12.5, 6);
    expect(view.fov).toBeCloseTo(70, 6);
    expect(await meanAbsDiff(original, await panoramaShot(second))).toBeLessThan(3);
    await page.context().close();
    await second.context().close();
  });

  it('the floor-plan minimap shows the rooms; clicking one goes there', async () => {
    const page = await newPage();
    await page.goto(`${base}/places/demo-flat/tour`);
    await waitSharp(page);
    const other = demo.tour.scenes.find((s) => s.id !== demo.tour.startScene)!;
    const plan = page.getByRole('group', { name: 'Floor plan' });
    await plan.getByRole('button', { name: `Go to ${other.name}` }).click();
    await page.waitForFunction((id) => window.__vantage?.status().sceneId === id, other.id);
    expect(await plan.getByRole('button', { name: `Go to ${other.name}` }).getAttribute('aria-current')).toBe('location');
    await page.context().close();
  });
});

describe('errors', () => {
  it('an unknown place is a 404 page that says so', async () => {
    const page = await newPage();
    const res = await page.goto(`${base}/places/no-such-flat`);
    expect(res!.status()).toBe(404);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('no such place');
    await page.context().close();
  });

  it('an unknown room names the room and offers the tour', async () => {
    const page = await newPage();
    await page.goto(`${base}/places/demo-flat/tour?scene=attic`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('attic');
    expect(await page.getByRole('link', { name: 'Enter the 360° tour' }).count()).toBe(1);
    await page.context().close();
  });

  it('a browser without WebGL gets a clear message instead of a blank page', async () => {
    const noGl = await launchChromium(['--disable-webgl', '--disable-3d-apis']);
    try {
      const page = await noGl.newPage();
      await page.goto(`${base}/places/demo-flat/tour`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('WebGL');
    } finally {
      await noGl.close();
    }
  });
});
