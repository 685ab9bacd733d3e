import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Exhibit, Place } from '@protocol';
import { launchChromium } from '../support/launchChromium.ts';

const base = inject('baseUrl');
let browser: Browser;
let museum: Place;

/**
 * A museum made from the demo flat (its rooms are the halls, its plan the map) with six exhibits,
 * served in place of /api/places/demo-flat: the map guide and the listing are tested on a
 * museum whose numbers are known (the site model 15 min, five exhibits 10 min each).
 */
function museumFrom(flat: Place): Place {
  const plan = flat.tour.floorPlan!;
  const [first] = flat.tour.scenes;
  const centre = (sceneId: string) => {
    const poly = plan.rooms.find((r) => r.sceneId === sceneId)!.polygon;
    return { x: poly.reduce((s, p) => s + p[0], 0) / poly.length, y: poly.reduce((s, p) => s + p[1], 0) / poly.length };
  };
  const halls = plan.rooms.map((r) => r.sceneId);
  const exhibit = (id: string, title: string, titleZh: string, hall: string, dx: number, over: Partial<Exhibit> = {}): Exhibit => {
    const c = centre(hall);
    return {
      id,
      role: 'exhibit',
      title,
      titleZh,
      description: '',
      arScale: 1,
      minutes: 10,
      map: { x: c.x + dx, y: c.y + 0.5 },
      hall: { sceneId: hall, yaw: first.initialView.yaw, pitch: -5 },
      modelUrl: `/tiles/demo-flat/_exhibits/${id}/1/model.glb`,
      usdzUrl: `/tiles/demo-flat/_exhibits/${id}/1/model.usdz`,
      posterUrl: flat.coverUrl,
      bytes: 1000,
      bounds: { min: [0, 0, 0], max: [1, 1, 1] },
      infoPoints: [],
      ...over,
    };
  };
  const exhibits = [
    exhibit('ding', 'Bronze ding', '青铜鼎', first.id, -0.6),
    exhibit('vase', 'Lathe-turned vase', '旋制陶瓶', first.id, 0.6),
    exhibit('site', 'The old town', '古城沙盘', halls[halls.length - 1], 0, { role: 'site', minutes: 15 }),
    exhibit('bell', 'Bell', '编钟', halls[1 % halls.length], -0.5),
    exhibit('mirror', 'Mirror', '铜镜', halls[2 % halls.length], 0.5),
    exhibit('jade', 'Jade disc', '玉璧', halls[3 % halls.length], 0),
  ];
  return {
    ...flat,
    kind: 'museum',
    title: 'Test Museum',
    price: null,
    exhibits,
    tour: {
      ...flat.tour,
      // The bronze ding stands where the first hall opens: its hotspot is in view on arrival.
      scenes: flat.tour.scenes.map((s) =>
        s.id === first.id ? { ...s, hotspots: [...s.hotspots, { id: 'hs-ding', kind: 'exhibit' as const, exhibitId: 'ding', yaw: s.initialView.yaw, pitch: -5 }] } : s,
      ),
    },
  };
}

async function museumPage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.route(/\/api\/places\/demo-flat$/, (route) => route.fulfill({ json: museum }));
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  museum = museumFrom((await (await fetch(`${base}/api/places/demo-flat`)).json()) as Place);
});
afterAll(() => browser?.close());
afterEach(async () => {
  for (const ctx of browser?.contexts() ?? []) await ctx.close();
});

const summaryMinutes = async (page: Page) => {
  const text = (await page.locator('.route-summary').textContent()) ?? '';
  const m = /(\d+) exhibits? · (\d+) min walking · (\d+) min looking · about (\d+) min in all/.exec(text);
  if (!m) throw new Error(`no route summary in "${text}"`);
  return { stops: Number(m[1]), walk: Number(m[2]), visit: Number(m[3]), total: Number(m[4]) };
};

describe('museum', () => {
  it('lists halls, the sand table and exhibits, with the map guide and timed entry', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await museumPage(ctx);
    await page.goto(`${base}/places/demo-flat`);
    await page.getByRole('heading', { level: 1, name: 'Test Museum' }).waitFor();
    // Every exhibit is a card linking to its page; the site model is set apart first.
    const cards = page.locator('.exhibit-cards a');
    expect(await cards.count()).toBe(6);
    expect(await cards.first().getAttribute('href')).toBe('/places/demo-flat/exhibits/site');
    expect(await page.getByRole('link', { name: /Bronze ding/ }).getAttribute('href')).toBe('/places/demo-flat/exhibits/ding');
    await expect(page.locator('.site-model').getByRole('heading', { name: 'The old town' }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('link', { name: 'Map guide' }).getAttribute('href')).toBe('/places/demo-flat/map');
    expect(await page.getByRole('link', { name: 'Book a timed entry' }).getAttribute('href')).toMatch(/^\/places\/demo-flat\/book\?/);
    const halls = page.locator('.hall-list a');
    expect(await halls.count()).toBe(museum.tour.scenes.length);
    expect(await halls.first().getAttribute('href')).toBe(`/places/demo-flat/tour?scene=${museum.tour.scenes[0].id}`);
    // Chinese readers get the Chinese titles and the timed-entry wording.
    await page.evaluate(() => localStorage.setItem('vantage.lang', 'zh-CN'));
    await page.reload();
    await page.getByRole('link', { name: /青铜鼎/ }).waitFor();
    await page.getByRole('link', { name: '预约入场' }).waitFor();
  });

  it('draws the map, plans a 60-minute route and lists it; a hall tap says where you are', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await museumPage(ctx);
    await page.goto(`${base}/places/demo-flat/map`);
    const map = page.getByRole('group', { name: 'Museum map: halls and exhibits' });
    await map.waitFor();
    expect(await map.locator('polygon').count()).toBe(museum.tour.floorPlan!.rooms.length);
    for (const s of museum.tour.scenes) await map.getByText(s.name, { exact: true }).waitFor();
    const markers = map.locator('a.exhibit-marker');
    expect(await markers.count()).toBe(6);
    // With no budget every exhibit is on the walk: 65 min of looking.
    expect(await summaryMinutes(page)).toMatchObject({ stops: 6, visit: 65 });

    await page.getByRole('radio', { name: '60 min' }).check();
    await page.waitForURL(/minutes=60/);
    const s60 = await summaryMinutes(page);
    // The site model (15) and four of the five others (40) fit; all six (65) would not.
    expect(s60).toMatchObject({ stops: 5, visit: 55 });
    expect(s60.total).toBeLessThanOrEqual(60);
    const steps = await markers.evaluateAll((els) => els.map((e) => e.getAttribute('data-step')).filter(Boolean).sort());
    expect(steps).toEqual(['1', '2', '3', '4', '5']);
    await map.locator('a.exhibit-marker[data-exhibit="site"][data-step]').waitFor();
    expect(await map.locator('text.marker-number').allTextContents()).toHaveLength(5);
    // The list version names the same stops in the same order.
    const list = await page.locator('.route-stops li a').allTextContents();
    expect(list).toHaveLength(5);
    for (let i = 0; i < 5; i++) {
      const id = await map.locator(`a.exhibit-marker[data-step="${i + 1}"]`).getAttribute('data-exhibit');
      expect(list[i]).toBe(`Stop ${i + 1}: ${museum.exhibits!.find((e) => e.id === id)!.title}`);
    }
    await page.getByText('1 more exhibit for another time:').waitFor();

    // Tap a hall: you are there, the route now starts at its centre.
    const hall = museum.tour.scenes[museum.tour.scenes.length - 1];
    // Tapped near a corner: the centre may hold an exhibit's marker (a link).
    const hallButton = map.getByRole('button', { name: `I am in ${hall.name}` });
    const hb = (await hallButton.boundingBox())!;
    await hallButton.click({ position: { x: 8, y: hb.height - 8 } });
    await page.waitForURL(new RegExp(`hall=${hall.id}&minutes=60`));
    await page.getByText(`You are here: ${hall.name}`).waitFor();

    // "Pick on the map": tapping an exhibit then marks you there instead of opening it.
    await page.getByRole('button', { name: 'Pick on the map' }).click();
    await map.locator('a.exhibit-marker[data-exhibit="vase"]').click();
    await page.waitForURL(/\/map\?at=vase&minutes=60$/);
    await page.getByText('You are here: Lathe-turned vase').waitFor();
    expect(await map.locator('a.exhibit-marker[data-exhibit="vase"]').getAttribute('data-step')).toBe('1');

    // Markers are links you reach with Tab; Enter opens the exhibit's page.
    await page.locator('a.exhibit-marker').first().focus();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-exhibit'));
    expect(focused).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/places/demo-flat/exhibits/${focused}$`));
  });

  it('the QR code’s exhibit page leads to the map: ?at=<exhibit> marks you there and starts the route there', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await museumPage(ctx);
    // The printed QR code opens the exhibit's page; its map link carries the exhibit on.
    await page.goto(`${base}/places/demo-flat/exhibits/jade?from=qr`);
    await page.getByRole('link', { name: 'Map: you are here' }).click();
    await page.waitForURL(`${base}/places/demo-flat/map?at=jade`);
    await page.getByText('You are here: Jade disc').waitFor();
    await page.getByRole('radio', { name: '30 min' }).check();
    await page.waitForURL(/\?at=jade&minutes=30$/);
    const jade = page.locator('a.exhibit-marker[data-exhibit="jade"]');
    expect(await jade.getAttribute('data-step')).toBe('1');
    expect(await jade.getAttribute('aria-label')).toBe('1. Jade disc — you are here');
    // The ring sits on the jade disc's map point.
    const { x, y } = museum.exhibits!.find((e) => e.id === 'jade')!.map!;
    expect(await page.locator('.you-are-here').getAttribute('transform')).toBe(`translate(${x} ${y})`);
    // 30 minutes: the jade disc (where you stand) and the site model; nothing else fits.
    expect(await summaryMinutes(page)).toMatchObject({ stops: 2, visit: 25 });
    expect(await page.locator('.route-stops li a').allTextContents()).toEqual(['Stop 1: Jade disc', 'Stop 2: The old town']);
  });

  it('an exhibit hotspot in a hall opens the exhibit page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 960, height: 540 }, locale: 'en-US' });
    const page = await museumPage(ctx);
    // The tour is entered from the listing (in-app), so the place comes from the API, not the tour link's inline copy.
    await page.goto(`${base}/places/demo-flat`);
    await page.locator('.hall-list a').first().click();
    const hotspot = page.locator('a.hotspot-exhibit[data-onscreen="1"]');
    await hotspot.waitFor({ timeout: 60_000 });
    expect(await hotspot.getAttribute('aria-label')).toBe('Bronze ding');
    await hotspot.click();
    await page.waitForURL(`${base}/places/demo-flat/exhibits/ding`);
  });

  it('says so when a museum has no exhibits yet', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await ctx.newPage();
    await page.route(/\/api\/places\/demo-flat$/, (route) => route.fulfill({ json: { ...museum, exhibits: [] } }));
    await page.goto(`${base}/places/demo-flat`);
    await page.getByText('No exhibits are on show yet. The halls can still be walked through in 360°.').waitFor();
    expect(await page.locator('.exhibit-cards, .site-model').count()).toBe(0);
    // No exhibit on the map: no map guide link; the hall links and timed entry stay.
    expect(await page.getByRole('link', { name: 'Map guide' }).count()).toBe(0);
    expect(await page.locator('.hall-list a').count()).toBe(museum.tour.scenes.length);
    await page.getByRole('link', { name: 'Book a timed entry' }).waitFor();
    await page.goto(`${base}/places/demo-flat/map`);
    await page.getByText('No exhibit is placed on the map yet.').waitFor();
  });

  it('fits a phone (390 × 844)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await museumPage(ctx);
    await page.goto(`${base}/places/demo-flat/map?at=ding&minutes=60`);
    await page.getByText('You are here: Bronze ding').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The map fills the width and its markers are finger-sized.
    const mapBox = (await page.locator('.museum-map svg').boundingBox())!;
    expect(mapBox.width).toBeGreaterThan(300);
    const hit = (await page.locator('a.exhibit-marker[data-exhibit="vase"] .hit').boundingBox())!;
    expect(hit.width).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: '/tmp/vantage-museum-map-390.png', fullPage: true });
    await page.goto(`${base}/places/demo-flat`);
    await page.getByRole('heading', { level: 1, name: 'Test Museum' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/vantage-museum-listing-390.png', fullPage: true });
    // Chinese readers: the same map with Chinese names (looked at, not compared).
    await page.evaluate(() => localStorage.setItem('vantage.lang', 'zh-CN'));
    await page.goto(`${base}/places/demo-flat/map?at=ding&minutes=60`);
    await page.getByText('您在这里：青铜鼎').waitFor();
    await page.screenshot({ path: '/tmp/vantage-museum-map-390-zh.png', fullPage: true });
  });
});
