import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NodeIO, getBounds } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { MeshoptDecoder } from 'meshoptimizer';
import type { Exhibit, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';
import { meanAbsDiff, pixelStats } from '../support/pixels.ts';
import { syntheticRoom } from '../../client/xr/ar/syntheticRoom.ts';
import type { VantageArProbe } from '../../client/scene/ArExhibitView.tsx';

/**
 * "View in AR" in emulated AR: IWER (a Quest 3 in immersive-ar) with its synthetic environment
 * module and a room whose table top is at TABLE_Y. The museum is the demo museum's sand table
 * and bronze ding (the project's own models, assets/demo/museum), served to the page by
 * intercepting its place request, so the test does not depend on what the server publishes.
 */
const base = inject('baseUrl');
const TABLE_Y = 0.72;
const TABLE_AT: [number, number] = [0, -0.75];
const PLACE = 'ar-test-museum';
const MUSEUM = path.resolve('assets/demo/museum');
let browser: Browser;
let place: Place;
const files = new Map<string, Buffer>();

type ArState = ReturnType<VantageArProbe['state']>;

async function exhibitFrom(id: string, json: Record<string, unknown>): Promise<Exhibit> {
  const glb = await readFile(path.join(MUSEUM, 'models', `${id}.glb`));
  files.set(`${id}.glb`, glb);
  await MeshoptDecoder.ready;
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
  const doc = await io.readBinary(new Uint8Array(glb));
  const b = getBounds(doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0]);
  const { model: _model, ...fields } = json;
  return {
    ...(fields as Omit<Exhibit, 'modelUrl' | 'usdzUrl' | 'posterUrl' | 'bytes' | 'bounds' | 'infoPoints'>),
    infoPoints: json.infoPoints as Exhibit['infoPoints'],
    modelUrl: `/ar-test-files/${id}.glb`,
    usdzUrl: `/ar-test-files/${id}.usdz`,
    posterUrl: `/ar-test-files/${id}.png`,
    bytes: glb.length,
    bounds: { min: b.min as [number, number, number], max: b.max as [number, number, number] },
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  const museum = JSON.parse(await readFile(path.join(MUSEUM, 'museum.json'), 'utf8')) as { exhibits: Record<string, unknown>[] };
  const json = (id: string) => museum.exhibits.find((e) => e.id === id)!;
  const exhibits = [await exhibitFrom('sand-table', json('sand-table')), await exhibitFrom('bronze-ding', json('bronze-ding'))];
  place = {
    id: PLACE, kind: 'museum', title: 'AR test museum', city: '', address: '', price: null, currency: 'CNY', coverUrl: '/ar-test-files/cover.png', rooms: 0,
    description: '', lat: 0, lng: 0, areaM2: null, tour: { startScene: '', scenes: [] }, exhibits,
  };
});
afterAll(() => browser?.close());

async function openExhibit(page: Page, query: string) {
  await page.route(`**/api/places/${PLACE}`, (r) => r.fulfill({ json: place }));
  await page.route('**/ar-test-files/**', (r) => {
    const name = new URL(r.request().url()).pathname.split('/').pop()!;
    const body = files.get(name);
    if (!body) return r.fulfill({ status: 404, body: 'not here' });
    return r.fulfill({ body, contentType: 'model/gltf-binary' });
  });
  await page.goto(`${base}/places/${PLACE}/exhibits/sand-table${query}`);
}

const state = (page: Page): Promise<ArState> => page.evaluate(() => window.__vantageAr!.state());

/** Runs emulated XR frames until `fn(state)` holds (or fails after `ms`). */
async function until(page: Page, what: string, fn: (s: ArState) => boolean, ms = 20_000): Promise<ArState> {
  const end = Date.now() + ms;
  let s = await state(page);
  while (!fn(s)) {
    if (Date.now() > end) throw new Error(`AR: timed out waiting for ${what}; last state ${JSON.stringify({ ...s, infoPoints: undefined })}`);
    await page.evaluate(() => window.__vantageAr!.store.requestFrame());
    s = await state(page);
  }
  return s;
}

/** Points the emulated headset from `eye` at `target` (world metres). */
function lookAt(page: Page, eye: number[], target: number[]) {
  return page.evaluate(
    async ({ eye, target }) => {
      const device = (await window.__vantageXrEmulator!) as unknown as {
        position: { set(x: number, y: number, z: number): void };
        quaternion: { set(x: number, y: number, z: number, w: number): void };
      };
      const d = [target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]];
      const len = Math.hypot(...d);
      const [dx, dy, dz] = d.map((v) => v / len);
      // Yaw then pitch (no roll): −Z onto d.
      const yaw = Math.atan2(-dx, -dz), pitch = Math.asin(dy);
      const cy = Math.cos(yaw / 2), sy = Math.sin(yaw / 2), cp = Math.cos(pitch / 2), sp = Math.sin(pitch / 2);
      device.position.set(eye[0], eye[1], eye[2]);
      device.quaternion.set(cy * sp, sy * cp, -sy * sp, cy * cp);
    },
    { eye, target },
  );
}

/** Aims the right controller from `from` at `to` and pulls the trigger once (an XR select). */
function tapWithController(page: Page, from: number[], to: number[]) {
  return page.evaluate(
    async ({ from, to }) => {
      const device = (await window.__vantageXrEmulator!) as unknown as {
        controllers: { right: { position: { set(x: number, y: number, z: number): void }; quaternion: { set(x: number, y: number, z: number, w: number): void }; updateButtonValue(b: string, v: number): void } };
      };
      const xr = window.__vantageAr!.store;
      const c = device.controllers.right;
      const d = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
      const len = Math.hypot(...d);
      const [dx, dy, dz] = d.map((v) => v / len);
      // Shortest rotation taking the controller's −Z onto d.
      let q = [dy, -dx, 0, 1 - dz];
      if (1 - dz < 1e-6 && Math.hypot(dx, dy) < 1e-6) q = [0, 1, 0, 0];
      const n = Math.hypot(...q);
      c.position.set(from[0], from[1], from[2]);
      c.quaternion.set(q[0] / n, q[1] / n, q[2] / n, q[3] / n);
      await xr.requestFrame();
      await xr.requestFrame();
      c.updateButtonValue('trigger', 1);
      await xr.requestFrame();
      c.updateButtonValue('trigger', 0);
      await xr.requestFrame();
      await xr.requestFrame();
    },
    { from, to },
  );
}

const shot = (page: Page) => page.screenshot();

describe('View in AR (IWER + synthetic room with a table)', () => {
  it('finds the table, places the sand table anchored, raises the eras, opens an info point in the scene, coaches through a tracking loss, and places a second exhibit', async () => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, locale: 'en-US' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const foreign: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:')) foreign.push(u);
    });
    await ctx.addInitScript((room) => (window.__vantageArRoom = room), syntheticRoom({ tableHeight: TABLE_Y, tableAt: TABLE_AT, tableSize: [2.2, 0.9] }));
    await openExhibit(page, '?xr=emulate');
    await page.getByRole('button', { name: 'View in AR' }).click();
    await page.waitForFunction(() => window.__vantageAr?.store.getState().session != null, null, { timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.textContent), 'keyboard focus is on the way out').toBe('Leave AR');

    // Looking straight ahead there is no surface under the centre: coaching asks to search.
    await lookAt(page, [0, 1.5, 0.3], [0, 1.5, -3]);
    let s = await until(page, 'coaching to find a surface', (x) => x.coachingShown === 'findSurface');
    expect(s.phase).toBe('searching');
    expect(s.coachingText).toBe('Move your phone slowly to find a surface');
    expect(s.reticle).toBeNull();
    const searching = await shot(page);

    // Tilted down at the table: the reticle lands on the table top.
    const spot = [-0.35, TABLE_Y, TABLE_AT[1]];
    await lookAt(page, [0, 1.45, 0.25], spot);
    s = await until(page, 'the reticle on the table', (x) => x.reticle !== null && x.reticleShown);
    expect(s.phase).toBe('surface');
    expect(s.reticle![1], 'the reticle lies on the table top, not the floor').toBeCloseTo(TABLE_Y, 2);
    expect(Math.hypot(s.reticle![0] - spot[0], s.reticle![2] - spot[2])).toBeLessThan(0.02);
    expect(s.coachingShown).toBe('tapToPlace');

    // A tap (controller pointing at nothing tappable) places the sand table on the reticle.
    await tapWithController(page, [0.3, 1.2, 0], [0.3, 2.2, -0.5]);
    s = await until(page, 'the sand table placed, loaded and anchored', (x) => x.models.length === 1 && x.models[0].loaded && x.models[0].anchored);
    expect(s.phase).toBe('placed');
    expect(s.models[0].exhibitId).toBe('sand-table');
    const placedAt = s.models[0].matrix!;
    expect(placedAt[13], 'stands on the table top').toBeCloseTo(TABLE_Y, 2);

    // The eras: the Ming buildings are still down while the Tang walls rise …
    // (The Ming era is the third: it begins 6.8 s after the first, so a slow frame cannot skip past this check.)
    s = await until(page, 'the first eras rising', (x) => (x.eras[0]?.index ?? -1) >= 0 && x.eras[0].index <= 1);
    const early = s.eras[0];
    expect(early.heights['ming-bridge']).toBe(0);
    expect(early.heights['ming-houses-southwest']).toBe(0);
    const earlyShot = await shot(page);
    expect(await meanAbsDiff(searching, earlyShot), 'the reticle and the model are drawn').toBeGreaterThan(1);
    // … then all stand, era by era, under the last era's caption.
    s = await until(page, 'the eras to finish', (x) => x.eras[0]?.done === true, 20_000);
    expect(s.eras[0].id).toBe('ming');
    for (const [name, h] of Object.entries(s.eras[0].heights)) expect(h, `${name} has risen`).toBeGreaterThan(0.005);
    const risen = await shot(page);
    expect(await meanAbsDiff(earlyShot, risen), 'the buildings rising changed the picture').toBeGreaterThan(0.3);

    // The emulated device walks round the table: the model stays where it was put.
    await lookAt(page, [0.9, 1.3, -0.2], [-0.35, TABLE_Y, TABLE_AT[1]]);
    for (let i = 0; i < 6; i++) await page.evaluate(() => window.__vantageAr!.store.requestFrame());
    s = await state(page);
    s.models[0].matrix!.forEach((v, i) => expect(v, `matrix[${i}] unchanged`).toBeCloseTo(placedAt[i], 4));

    // An info point is tapped in the scene: its caption opens there (no DOM overlay).
    const walls = s.infoPoints.find((p) => p.id === 'city-walls')!;
    expect(walls.world).not.toBeNull();
    const before = await shot(page);
    const w = walls.world!;
    await tapWithController(page, [w[0] + 0.25, w[1] + 0.05, w[2] + 0.35], w);
    s = await until(page, 'the caption to open', (x) => x.caption?.infoPointId === 'city-walls' && x.caption.shown);
    expect(s.models).toHaveLength(1); // the tap opened the point; it placed nothing
    expect(await meanAbsDiff(before, await shot(page)), 'the caption panel is drawn').toBeGreaterThan(0.5);

    // Tracking is lost (the system has no viewer pose): coaching says so; the model stays.
    await page.evaluate(() => {
      const proto = (window as unknown as { XRFrame: { prototype: { getViewerPose: (...a: unknown[]) => unknown } } }).XRFrame.prototype;
      const real = proto.getViewerPose;
      (window as unknown as { __arLost: boolean }).__arLost = true;
      proto.getViewerPose = function (this: unknown, ...a: unknown[]) {
        return (window as unknown as { __arLost: boolean }).__arLost ? null : real.apply(this, a);
      };
    });
    s = await until(page, 'tracking lost', (x) => x.phase === 'lost' && x.coachingShown === 'trackingLost');
    expect(s.coachingText).toBe('Tracking lost — point at the table again');
    s.models[0].matrix!.forEach((v, i) => expect(v).toBeCloseTo(placedAt[i], 4));
    await page.evaluate(() => ((window as unknown as { __arLost: boolean }).__arLost = false));
    s = await until(page, 'tracking back', (x) => x.phase === 'placed');
    expect(s.coaching).toBe('trackingBack');

    // Several models in one scene: choose the ding on the 3D button row, tap beside the sand table.
    const button = await page.evaluate(() => {
      const o = window.__vantageAr!.registry.scene!.getObjectByName('ar-place:bronze-ding')!;
      o.updateWorldMatrix(true, false);
      return [o.matrixWorld.elements[12], o.matrixWorld.elements[13], o.matrixWorld.elements[14]];
    });
    const eye = await page.evaluate(async () => {
      const d = (await window.__vantageXrEmulator!) as unknown as { position: { x: number; y: number; z: number } };
      return [d.position.x, d.position.y, d.position.z];
    });
    await tapWithController(page, [eye[0], eye[1] - 0.05, eye[2]], button);
    s = await until(page, 'the ding chosen', (x) => x.next === 'bronze-ding');
    const beside = [0.75, TABLE_Y, TABLE_AT[1]];
    await lookAt(page, [0.6, 1.4, 0.2], beside);
    await until(page, 'the reticle beside the sand table', (x) => x.reticle !== null && Math.abs(x.reticle[0] - 0.75) < 0.03);
    await tapWithController(page, [0.3, 1.2, 0], [0.3, 2.2, -0.5]);
    s = await until(page, 'the ding placed and loaded', (x) => x.models.length === 2 && x.models.every((m) => m.loaded && m.anchored));
    expect(s.models.map((m) => m.exhibitId)).toEqual(['sand-table', 'bronze-ding']);
    expect(s.models[1].matrix![12]).toBeCloseTo(0.75, 1);
    s.models[0].matrix!.forEach((v, i) => expect(v, 'the sand table did not move').toBeCloseTo(placedAt[i], 4));

    await page.evaluate(() => window.__vantageAr!.store.getState().session!.end());
    await page.getByRole('button', { name: 'View in AR' }).waitFor();
    expect(await page.evaluate(() => window.__vantageAr === undefined), 'the AR view is gone after the session').toBe(true);
    await page.waitForFunction(() => document.activeElement?.textContent === 'View in AR', null, { timeout: 5_000 });
    expect(foreign, 'nothing loads from the internet').toEqual([]);
    await ctx.close();
  });

  it('a headset gets the sand table on a virtual table in VR: standing height, eras rising, the thumbstick turns it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, locale: 'en-US' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await openExhibit(page, '?xr=emulate');
    await page.getByRole('button', { name: 'View in VR' }).click();
    await page.waitForFunction(() => window.__vantageAr?.store.getState().session != null, null, { timeout: 30_000 });
    let s = await until(page, 'the sand table loaded on the VR table', (x) => x.eras.length === 1 && x.turntable !== null);
    expect(s.turntable!.at![1], 'the table top is at standing height').toBeCloseTo(0.9, 2);
    expect(s.eras[0].index).toBeGreaterThanOrEqual(0);
    const still = await page.screenshot();
    expect((await pixelStats(still)).stdev, 'a lit room with a table, not a blank frame').toBeGreaterThan(8);
    // The sand table is really seen (nothing in front of it): hiding it for a frame changes much of the view.
    await page.evaluate(async () => {
      const o = window.__vantageAr!.registry.scene!.getObjectByName('vr-sand-table')!;
      o.visible = false;
      await window.__vantageAr!.store.requestFrame();
      await window.__vantageAr!.store.requestFrame();
    });
    const hidden = await page.screenshot();
    await page.evaluate(() => void (window.__vantageAr!.registry.scene!.getObjectByName('vr-sand-table')!.visible = true));
    expect(await meanAbsDiff(still, hidden), 'the sand table fills part of the view').toBeGreaterThan(4);
    // Thumbstick right on the right controller turns the sand table.
    await page.evaluate(async () => {
      const device = (await window.__vantageXrEmulator!) as unknown as { controllers: { right: { updateAxes(id: string, x: number, y: number): void } } };
      device.controllers.right.updateAxes('thumbstick', 1, 0);
    });
    s = await until(page, 'the table turned by the thumbstick', (x) => Math.abs(x.turntable!.yaw) > 0.3);
    await page.evaluate(async () => {
      const device = (await window.__vantageXrEmulator!) as unknown as { controllers: { right: { updateAxes(id: string, x: number, y: number): void } } };
      device.controllers.right.updateAxes('thumbstick', 0, 0);
    });
    expect(await meanAbsDiff(still, await page.screenshot()), 'the turn shows').toBeGreaterThan(0.5);
    await page.evaluate(() => window.__vantageAr!.store.getState().session!.end());
    await page.getByRole('button', { name: 'View in VR' }).waitFor();
    await ctx.close();
  });

  it('offers the USDZ through Quick Look where <a rel="ar"> is supported (iOS, no WebXR), and nothing on a desktop without AR', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const desktop = await ctx.newPage();
    await openExhibit(desktop, '');
    await desktop.locator('[data-ar-slot]').waitFor({ state: 'attached' });
    await desktop.waitForTimeout(500);
    expect(await desktop.getByRole('button', { name: 'View in AR' }).count(), 'headless Chromium has no AR device').toBe(0);
    expect(await desktop.locator('a[rel="ar"]').count()).toBe(0);

    await ctx.addInitScript(() => {
      // iOS Safari: no navigator.xr, and anchors support rel="ar".
      Object.defineProperty(navigator, 'xr', { value: undefined, configurable: true });
      const supports = DOMTokenList.prototype.supports;
      DOMTokenList.prototype.supports = function (token: string) {
        return token === 'ar' ? true : supports.call(this, token);
      };
    });
    const ios = await ctx.newPage();
    await openExhibit(ios, '');
    const link = ios.locator('[data-ar-slot] a[rel="ar"]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/ar-test-files/sand-table.usdz');
    // Quick Look wants the image as the link's only child; its alt names the action.
    expect(await link.evaluate((a) => [a.children.length, a.firstElementChild?.tagName])).toEqual([1, 'IMG']);
    expect(await link.locator('img').getAttribute('alt')).toContain('View in AR');
    expect(await ios.getByRole('button', { name: 'View in AR' }).count()).toBe(0);
    await ctx.close();
  });
});
