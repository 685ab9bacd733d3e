import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOUR_BOOT_ID, type TourBoot } from '@protocol';
import { createApp } from '../../../server/app.ts';
import { deferAppScripts, tourBootHtml } from '../../../server/static/tourBootHtml.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { sampleExhibit } from '../db/samplePlace.ts';

let app: ReturnType<typeof createApp>;
let deps: Awaited<ReturnType<typeof createTestDeps>>;

const HOSTILE = 'Flat </script><img src=x onerror=alert(1)> & <!-- co';
const scene = (id: string) => ({
  id,
  name: `Room ${id}`,
  north: 0,
  floor: { x: 1, y: 1 },
  initialView: { yaw: 0, pitch: 0, fov: 90 },
  hotspots: [],
  tiles: { rev: 'abc123', levels: [{ size: 512, tileSize: 512 }], previewFaceSize: 128, format: 'avif' as const, fallback: 'jpg' as const },
});
const place = (id: string, published: boolean): PlaceRecord => ({
  id,
  kind: 'home',
  title: HOSTILE,
  city: 'Hangzhou',
  address: '1 Test Road',
  price: 1000000,
  currency: 'CNY',
  description: 'A test flat.',
  lat: 30.2,
  lng: 120.1,
  areaM2: 80,
  published,
  startScene: 'living',
  scenes: [scene('living'), scene('kitchen')],
});
const FIRST_PAINT_JS = '(function(){window.firstPaintRan=1})();';

beforeAll(async () => {
  deps = await createTestDeps();
  await deps.places.put(place('open-flat', true));
  await deps.places.put(place('draft-flat', false));
  await deps.places.put({ ...place('open-museum', true), kind: 'museum', exhibits: [sampleExhibit('vase')] });
  const client = path.join(deps.dir, 'client');
  await mkdir(path.join(client, 'boot'), { recursive: true });
  await writeFile(
    path.join(client, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width" /><title>Vantage</title><script type="module" crossorigin src="/assets/index.js"></script><link rel="modulepreload" crossorigin href="/assets/react.js"><link rel="stylesheet" crossorigin href="/assets/index.css"></head><body><div id="root"></div></body></html>',
  );
  await writeFile(path.join(client, 'boot', 'first-paint.js'), FIRST_PAINT_JS);
  await mkdir(path.join(client, '.vite'), { recursive: true });
  await writeFile(
    path.join(client, '.vite', 'manifest.json'),
    JSON.stringify({ 'main.tsx': { file: 'assets/index.js', isEntry: true }, 'routes/TourPage.tsx': { file: 'assets/TourPage-1.js', imports: ['_three.js'], css: ['assets/TourPage-2.css'] }, 'routes/ExhibitPage.tsx': { file: 'assets/ExhibitPage-4.js', imports: ['_three.js'], css: ['assets/exhibit-5.css'] }, '_three.js': { file: 'assets/three-3.js' } }),
  );
  app = createApp({ places: deps.places, db: deps.db, bookings: deps.bookings, slots: deps.slots, hosts: deps.hosts, signer: deps.signer, tilesDir: path.join(deps.dir, 'tiles'), clientDir: client, assetBaseUrl: '' });
});
afterAll(() => deps.cleanup());

/** The TourBoot in a page, read the way the browser reads a JSON script element. */
function bootOf(html: string): TourBoot | null {
  const m = new RegExp(`<script type="application/json" id="${TOUR_BOOT_ID}">(.*?)</script>`, 's').exec(html);
  return m ? (JSON.parse(m[1]) as TourBoot) : null;
}

describe('tour links carry their place and first paint (server/static/tourBootHtml.ts)', () => {
  it('puts the public place, the room and the view in the HTML, right after the viewport meta, then the first-paint script', async () => {
    const res = await app.request('/places/open-flat/tour?scene=kitchen&yaw=30&pitch=-10&fov=80');
    expect(res.status).toBe(200);
    const html = await res.text();
    const boot = bootOf(html);
    const api = await (await app.request('/api/places/open-flat')).json();
    // The 3D chunks go to the first paint to preload after its images, not into the head.
    const preload = { modules: ['/assets/TourPage-1.js', '/assets/three-3.js'], styles: ['/assets/TourPage-2.css'] };
    // The app's own scripts go to the first paint too, to add once its images are asked for:
    // in the HTML the preload scanner would fetch them ahead of the images.
    const appScripts = { entry: '/assets/index.js', modules: ['/assets/react.js'] };
    expect(boot).toEqual({ place: api, sceneId: 'kitchen', view: { yaw: 30, pitch: -10, fov: 80 }, preload, app: appScripts });
    expect(html).not.toContain('rel="modulepreload"');
    expect(html).not.toContain('<script type="module"');
    // The app's stylesheet must not hold back the first paint: it arrives as a preload the app applies
    // (no inline onload handler: the Content-Security-Policy allows no inline script but the first paint).
    expect(html).not.toContain('rel="stylesheet"');
    expect(html).toContain(`<link rel="preload" as="style" crossorigin href="/assets/index.css" data-app-style>`);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    // After the viewport meta: it reads the window size.
    const at = html.indexOf(TOUR_BOOT_ID);
    expect(at).toBeGreaterThan(html.indexOf('name="viewport"'));
    expect(html).toContain(`<script>${FIRST_PAINT_JS}</script>`);
    expect(html.indexOf(FIRST_PAINT_JS)).toBeGreaterThan(at);
  });

  it('opens the start room with no view when the link says neither, and ignores a malformed view', async () => {
    expect(bootOf(await (await app.request('/places/open-flat/tour')).text())).toMatchObject({ sceneId: 'living', view: {} });
    expect(bootOf(await (await app.request('/places/open-flat/tour?yaw=east&fov=9999')).text())).toMatchObject({ sceneId: 'living', view: {} });
  });

  it('never lets a host-written title out of the JSON: no markup, the exact title back', async () => {
    const html = await (await app.request('/places/open-flat/tour')).text();
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)!.length).toBe(2); // the boot data and the first-paint script (which adds the app's)
    expect(bootOf(html)!.place.title).toBe(HOSTILE);
  });

  it('paints nothing for a room the place lacks, a malformed room, other pages and unpublished places', async () => {
    for (const url of ['/places/open-flat/tour?scene=attic', '/places/open-flat/tour?scene=%3Cb%3E', '/places/open-flat', '/', '/places/draft-flat/tour']) {
      const html = await (await app.request(url)).text();
      expect(html, url).toContain('<link rel="stylesheet" crossorigin href="/assets/index.css">');
      expect(html, url).toContain('<script type="module" crossorigin src="/assets/index.js"></script><link rel="modulepreload" crossorigin href="/assets/react.js">');
      expect(html, url).not.toContain(TOUR_BOOT_ID);
      expect(html, url).not.toContain(FIRST_PAINT_JS);
    }
    expect((await app.request('/places/draft-flat/tour')).status).toBe(404);
  });

  it("an exhibit link's HTML preloads the exhibit viewer's chunks (not the tour's), and only for an exhibit the museum has", async () => {
    const html = await (await app.request('/places/open-museum/exhibits/vase')).text();
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/ExhibitPage-4.js"><link rel="modulepreload" crossorigin href="/assets/three-3.js"><link rel="preload" as="style" crossorigin href="/assets/exhibit-5.css"></head>');
    expect(html).not.toContain('TourPage-1.js');
    const missing = await app.request('/places/open-museum/exhibits/urn');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('ExhibitPage-4.js');
  });

  it('without a built first-paint script, still carries the place, and the head preloads the 3D chunks at once', async () => {
    const client = path.join(deps.dir, 'client-no-boot');
    await mkdir(path.join(client, '.vite'), { recursive: true });
    await writeFile(path.join(client, 'index.html'), '<!doctype html><html><head><meta name="viewport" content="x" /></head><body></body></html>');
    await writeFile(path.join(client, '.vite', 'manifest.json'), JSON.stringify({ 'main.tsx': { file: 'assets/index.js', isEntry: true }, 'routes/TourPage.tsx': { file: 'assets/TourPage-1.js' } }));
    const bare = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: path.join(deps.dir, 'tiles'), clientDir: client, assetBaseUrl: '' });
    const html = await (await bare.request('/places/open-flat/tour')).text();
    expect(bootOf(html)).toMatchObject({ sceneId: 'living' });
    expect(bootOf(html)!.preload).toBeUndefined();
    expect(bootOf(html)!.app).toBeUndefined();
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/TourPage-1.js">');
  });

  it('takes the app\'s entry module and its preloads out of the HTML, and leaves a page without one as it was', () => {
    const page = '<head><script type="module" crossorigin src="/assets/a.js"></script><link rel="modulepreload" crossorigin href="/assets/b.js"><link rel="modulepreload" href="/assets/c.js"><title>x</title></head>';
    expect(deferAppScripts(page)).toEqual({ html: '<head><title>x</title></head>', app: { entry: '/assets/a.js', modules: ['/assets/b.js', '/assets/c.js'] } });
    const bare = '<head><link rel="modulepreload" href="/assets/b.js"></head>';
    expect(deferAppScripts(bare)).toEqual({ html: bare, app: null });
  });

  it('inlines only a script that cannot end its own element; without one the data still goes in', () => {
    const boot: TourBoot = { place: { id: 'p' } as TourBoot['place'], sceneId: 'living', view: {} };
    expect(tourBootHtml(boot, 'x="</script><b>"')).not.toContain('<b>');
    expect(tourBootHtml(boot, '')).toContain(TOUR_BOOT_ID);
    expect(tourBootHtml(boot, '')).not.toContain('<script>');
  });
});

describe('share cards (Open Graph) on a listing’s and a tour’s link', () => {
  it('carry the title, description and an absolute cover URL, escaped; the page title names the place', async () => {
    for (const path of ['/places/open-flat', '/places/open-flat/tour']) {
      const res = await app.request(`http://vantage.example${path}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const meta = (p: string) => new RegExp(`<meta property="${p}" content="([^"]*)">`).exec(html)?.[1];
      // The hostile title comes out as entities: no tag, no attribute break.
      expect(meta('og:title')).toBe('Flat &#60;/script&#62;&#60;img src&#61;x onerror&#61;alert(1)&#62; &#38; &#60;!-- co');
      expect(html).not.toContain('<img src=x');
      expect(meta('og:description')).toBe('A test flat.');
      expect(meta('og:image')).toMatch(/^http:\/\/vantage\.example\/tiles\/open-flat\/living\/abc123\/cover\.jpg$/);
      expect(meta('og:url')).toBe(`http://vantage.example${path}`);
      expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('Flat &#60;/script&#62;&#60;img src&#61;x onerror&#61;alert(1)&#62; &#38; &#60;!-- co · Vantage');
    }
    // An unpublished place gives nothing away.
    const draft = await (await app.request('http://vantage.example/places/draft-flat')).text();
    expect(draft).not.toContain('og:title');
  });
});
