import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { meanAbsDiff, pixelStats } from '../support/pixels.ts';
import { waitSharp } from '../support/tourPage.ts';

const base = inject('baseUrl');
let browser: Browser;
let demo: Place;

// Software WebGL draws the model at a few frames a second; a smaller window keeps the flights short.
async function newPage(viewport = { width: 960, height: 540 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** Every URL the page asks for that is not our server (blob: and data: are in-page). */
function recordForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:')) foreign.push(u);
  });
  return foreign;
}

/** The canvas alone: every overlay hidden, so pixels compare what WebGL drew. */
async function canvasShot(page: Page): Promise<Buffer> {
  const style = await page.addStyleTag({ content: '.tour-top,.tour-toolbar,.tour-minimap,.hotspots,.progress,.tour-modes,.dollhouse-ui,.move-hint{visibility:hidden !important}' });
  try {
    return await page.locator('.tour-canvas canvas').screenshot();
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

const dollhouse = (page: Page) => page.getByRole('region', { name: 'Dollhouse view' });

/** Opens the dollhouse from the tour and waits for the flight out to the overview to end. */
async function openDollhouse(page: Page) {
  await page.getByRole('button', { name: 'Dollhouse', exact: true }).click();
  await page.locator('.dollhouse-ui[data-status="ready"]').waitFor({ timeout: 90_000 });
  // "ready" can show for a frame before the opening flight starts: wait until the camera has settled.
  await page.waitForFunction(() => window.__vantage?.dollhouse?.flying === false, null, { timeout: 90_000, polling: 100 });
  await page.locator('.dollhouse-ui[data-status="ready"]').waitFor({ timeout: 90_000 });
}

/** A distance label such as "Distance: 3.20 m" → 3.2. */
function metres(text: string | null): number {
  const m = /(\d+\.\d+)\s*m\b/.exec(text ?? '');
  if (!m) throw new Error(`no distance in "${text}"`);
  return Number(m[1]);
}

beforeAll(async () => {
  browser = await launchChromium();
  demo = (await (await fetch(`${base}/api/places/demo-flat`)).json()) as Place;
});
afterAll(() => browser?.close());
// A failed test must not leave its page drawing: software WebGL would starve the next tests.
afterEach(async () => {
  for (const ctx of browser?.contexts() ?? []) await ctx.close();
});

describe('dollhouse', () => {
  it('loads its code only once the sharp view has rested, never in the middle of a pan', async () => {
    const page = await newPage();
    // Evaluating the dollhouse chunk is a long task: started mid-pan it was a dropped frame.
    const asked: number[] = [];
    page.on('request', (r) => /\/assets\/DollhouseScene-[^/]+\.js$/.test(new URL(r.url()).pathname) && asked.push(Date.now()));
    await page.goto(`${base}/places/demo-flat/tour?scene=living&yaw=30&pitch=0&fov=89`);
    await page.waitForFunction(() => window.__vantage != null, null, { timeout: 60_000 });
    // Turn a little every 150 ms (the rest it waits for is 800 ms) until 2 s after the room was first sharp.
    // The last turn's time is the page's Date.now(): the same clock as Node's, without the
    // evaluation's round trip, which on a loaded machine could eat the margin below.
    const pan = await page.evaluate(
      () =>
        new Promise<{ sharp: boolean; lastTurnAt: number }>((resolve) => {
          const v = window.__vantage!;
          let step = 0, sharpAt = -1;
          const timer = setInterval(() => {
            v.tour.view.setView({ yaw: 30 + ++step * 2, pitch: 0, fov: 89 });
            if (sharpAt < 0 && v.status().sharp) sharpAt = step;
            if ((sharpAt >= 0 && step - sharpAt >= 14) || step > 200) {
              clearInterval(timer);
              resolve({ sharp: sharpAt >= 0, lastTurnAt: Date.now() });
            }
          }, 150);
        }),
    );
    expect(pan.sharp, 'the room turned sharp while the view was turning').toBe(true);
    expect(asked, 'no dollhouse code while the view moves').toEqual([]);
    await expect.poll(() => asked.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(asked[0] - pan.lastTurnAt, 'asked for once the view has rested (800 ms)').toBeGreaterThanOrEqual(700);
    await page.context().close();
  });

  it('the demo flat has a dollhouse served from our own origin', async () => {
    expect(demo.tour.dollhouseUrl).toMatch(/^\/tiles\/demo-flat\/_dollhouse\/[0-9a-f]+\.glb$/);
    const res = await fetch(`${base}${demo.tour.dollhouseUrl}`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.toString('latin1', 0, 4)).toBe('glTF');
    expect(bytes.length).toBeLessThan(1.6e6);
  });

  it('opens over the panorama, shows the model, and a room marker flies into that room’s panorama', async () => {
    const page = await newPage();
    const foreign = recordForeignRequests(page);
    const glb: string[] = [];
    page.on('request', (r) => void (r.url().endsWith('.glb') && glb.push(r.url())));
    await page.goto(`${base}/places/demo-flat/tour?scene=living`);
    await waitSharp(page);
    const panorama = await canvasShot(page);

    await openDollhouse(page);
    expect(glb).toEqual([`${base}${demo.tour.dollhouseUrl}`]);
    const model = await canvasShot(page);
    const stats = await pixelStats(model);
    expect(stats.stdev, 'the model is a picture, not an empty canvas').toBeGreaterThan(20);
    expect(await meanAbsDiff(panorama, model), 'the canvas shows something else than the panorama').toBeGreaterThan(20);

    // One marker button per room, named after it; none of the panorama's hotspots are left.
    const region = dollhouse(page);
    for (const s of demo.tour.scenes) expect(await region.getByRole('button', { name: s.name, exact: true }).count()).toBe(1);
    expect(await page.locator('.hotspots').count()).toBe(0);

    const kitchen = demo.tour.scenes.find((s) => s.id === 'kitchen')!;
    await region.getByRole('button', { name: kitchen.name, exact: true }).click();
    await page.waitForFunction(() => window.__vantage?.status().sceneId === 'kitchen');
    await region.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('room-name').textContent()).toBe(kitchen.name);
    await waitSharp(page);
    const view = await page.evaluate(() => window.__vantage!.tour.view.view);
    // Level, looking the way the camera flew: from the overview (south of the flat) in towards the kitchen, i.e. roughly north.
    expect(view.pitch).toBe(0);
    expect(Math.abs(view.yaw - kitchen.north)).toBeLessThan(45);
    const inKitchen = await canvasShot(page);
    expect((await pixelStats(inKitchen)).stdev).toBeGreaterThan(10);
    expect(await meanAbsDiff(model, inKitchen)).toBeGreaterThan(20);
    await page.waitForURL(/scene=kitchen/);
    expect(foreign, 'nothing is fetched from another origin').toEqual([]);
    await page.context().close();
  });

  it('is usable from the keyboard: Tab reaches the markers, Enter flies in; Escape goes back to the panorama', async () => {
    const page = await newPage();
    await page.goto(`${base}/places/demo-flat/tour?scene=living`);
    await waitSharp(page);
    await openDollhouse(page);
    await page.keyboard.press('Escape');
    await dollhouse(page).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.__vantage!.status().sceneId)).toBe('living');
    await waitSharp(page);

    await openDollhouse(page);
    const bedroom = demo.tour.scenes.find((s) => s.id === 'bedroom')!;
    const marker = dollhouse(page).getByRole('button', { name: bedroom.name, exact: true });
    // Tab from "Back to panorama" (focused on opening) round to the marker.
    for (let i = 0; i < 20 && !(await marker.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
    expect(await marker.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__vantage?.status().sceneId === 'bedroom');
    await dollhouse(page).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('room-name').textContent()).toBe(bedroom.name);
    await page.context().close();
  });

  it('measures between two points on the model’s surfaces: a line and a label in metres', async () => {
    const page = await newPage();
    await page.goto(`${base}/places/demo-flat/tour?scene=living`);
    await waitSharp(page);
    await openDollhouse(page);
    const region = dollhouse(page);
    await region.getByRole('button', { name: 'Measure', exact: true }).click();
    // Two points on the hallway floor (plan metres; the model is in plan metres, floor at 0), 2.9 m apart.
    const a = { x: 6.3, y: 0, z: 2.0 }, b = { x: 6.3, y: 0, z: 4.9 };
    const [pa, pb] = await page.evaluate(
      ([a, b]) =>
        new Promise<{ x: number; y: number }[]>((resolve) => {
          const d = window.__vantage!.dollhouse!;
          const off = d.onFrame((camera, w, h) => {
            off();
            resolve([d.project(a, camera, w, h), d.project(b, camera, w, h)]);
          });
        }),
      [a, b],
    );
    const box = (await page.locator('.tour-canvas canvas').boundingBox())!;
    await page.mouse.click(box.x + pa.x, box.y + pa.y);
    await page.mouse.click(box.x + pb.x, box.y + pb.y);
    const readout = region.getByRole('status');
    await page.waitForFunction(() => /Distance/.test(document.querySelector('.dollhouse-note')?.textContent ?? ''));
    expect(metres(await readout.textContent())).toBeCloseTo(2.9, 1);
    expect(Math.abs(metres(await readout.textContent()) - 2.9)).toBeLessThan(0.05);
    const label = page.locator('.dollhouse-tape-label');
    await label.waitFor();
    expect(metres(await label.textContent())).toBe(metres(await readout.textContent()));
    await page.context().close();
  });
});

describe('measuring on the floor plan', () => {
  it('two clicks on the plan give the distance between them in metres', async () => {
    const page = await newPage();
    await page.goto(`${base}/places/demo-flat/tour`);
    await waitSharp(page);
    await page.getByRole('button', { name: 'Measure on the floor plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Measure on the floor plan' });
    const surface = dialog.getByRole('application');
    /** Screen position of a plan point (metres) through the SVG's own transform. */
    const at = (x: number, y: number) =>
      surface.evaluate((svg, [x, y]) => {
        const p = new DOMPoint(x, y).matrixTransform((svg as SVGSVGElement).getScreenCTM()!);
        return { x: p.x, y: p.y };
      }, [x, y] as const);
    const readout = dialog.getByTestId('measure-plan-distance');

    // Two free points (away from walls and corners), from the plan's own coordinates.
    const p1: [number, number] = [1.0, 1.0], p2: [number, number] = [4.5, 6.0];
    for (const p of [p1, p2]) {
      const s = await at(...p);
      await page.mouse.click(s.x, s.y);
    }
    const expected = Math.hypot(p2[0] - p1[0], p2[1] - p1[1]);
    expect(Math.abs(metres(await readout.textContent()) - expected)).toBeLessThan(0.05);
    expect(metres(await dialog.getByTestId('measure-plan-label').textContent())).toBe(metres(await readout.textContent()));

    // A wall: clicks a few pixels off its two corners snap to them, so the result is the wall's length.
    const kitchen = demo.tour.floorPlan!.rooms.find((r) => r.sceneId === 'kitchen')!.polygon;
    const [c0, c1] = [kitchen[0], kitchen[1]];
    for (const [c, dx, dy] of [[c0, 4, 3], [c1, -3, 4]] as const) {
      const s = await at(c[0], c[1]);
      await page.mouse.click(s.x + dx, s.y + dy);
    }
    expect(Math.abs(metres(await readout.textContent()) - Math.hypot(c1[0] - c0[0], c1[1] - c0[1]))).toBeLessThan(0.05);

    // Keyboard: Enter sets the cross's point, arrows move it (5 cm a step).
    await dialog.getByRole('button', { name: 'Clear' }).click();
    await surface.focus();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(metres(await readout.textContent())).toBeCloseTo(1.0, 6);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
  });
});
