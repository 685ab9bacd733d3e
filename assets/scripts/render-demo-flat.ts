/**
 * Renders the procedural demo flat ("Sunny 2-bedroom flat, Riverside") to one 360°
 * equirectangular JPEG per room and writes tour.json from the same layout.
 *
 *   node --import tsx assets/scripts/render-demo-flat.ts [--rooms living,kitchen] [--face 2048] [--width 4096]
 *        [--out assets/demo/flat] [--exposure 1] [--tour-only] [--dollhouse] [--wall-top 2] [--dollhouse-texture 512]
 *
 * A full run (no --rooms) also writes dollhouse.glb; --dollhouse writes only that: the same
 * model as binary glTF in floor-plan metres (x = plan x, z = plan y, y up, floor at 0), with
 * no ceiling, walls cut at --wall-top metres so you can look in, no lights, no outside.
 *
 * The model lives in assets/scripts/demo-flat/ (layout.ts is the single source of truth
 * for geometry, cameras and hotspots). It is bundled with esbuild and rendered in headless
 * Chromium (software WebGL via SwiftShader): a CubeCamera at eye height in each room, then a
 * fullscreen pass resamples the cube to an equirect with the server/protocol/cubeFaces.ts
 * convention (yaw 0 = -Z = north, yaw grows towards +X/east, pitch up).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import sharp from 'sharp';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EYE, FOOTPRINT, OPENINGS, ROOMS, openingCentre, roomById, viewAngles, type OpeningDef, type RoomDef } from './demo-flat/layout.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const OUT = path.resolve(repoRoot, arg('out', 'assets/demo/flat'));
const FACE = Number(arg('face', '2048'));
const WIDTH = Number(arg('width', '4096'));
const EXPOSURE = Number(arg('exposure', '0.85'));
const ENV = Number(arg('env', '0.6'));
const BOUNCES = Number(arg('bounces', '2'));
const QUALITY = Number(arg('quality', '88'));
const ONLY = arg('rooms', '') ? arg('rooms', '').split(',') : ROOMS.map((r) => r.id);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOLLHOUSE_ONLY = flag('dollhouse');
const WITH_DOLLHOUSE = DOLLHOUSE_ONLY || !arg('rooms', '');
// Below the 2.1 m door heads, so every doorway reads as a gap; above pictures and mirrors, which keep their wall.
const WALL_TOP = Number(arg('wall-top', '2'));
const DOLLHOUSE_TEXTURE = Number(arg('dollhouse-texture', '512'));

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ tour.json

/** Height in the doorway to aim a scene hotspot at: ~0.35–1.0 m, lower for far doors. */
function hotspotHeight(dist: number): number {
  return Math.max(0.35, Math.min(1.0, EYE - dist * Math.tan((22 * Math.PI) / 180)));
}

function sceneHotspots(room: RoomDef) {
  const hs: Array<Record<string, unknown>> = [];
  for (const o of OPENINGS) {
    if (!(o.rooms as string[]).includes(room.id)) continue;
    const c = openingCentre(o);
    const dist = Math.hypot(c.x - room.eye.x, c.y - room.eye.y);
    if (o.kind === 'door' || o.kind === 'opening') {
      const target = o.rooms.find((r) => r !== room.id)!;
      const a = viewAngles(room.eye, c, hotspotHeight(dist));
      hs.push({ id: `to-${target}`, kind: 'scene', target, yaw: round(a.yaw), pitch: round(a.pitch) });
    } else if (o.kind === 'window') {
      const a = viewAngles(room.eye, c, (o.bottom + o.top) / 2);
      hs.push({ id: o.id, kind: 'info', yaw: round(a.yaw), pitch: round(a.pitch), title: o.title, text: o.text, titleZh: o.titleZh, textZh: o.textZh });
    } else if (o.kind === 'entrance') {
      const a = viewAngles(room.eye, c, 1.3);
      hs.push({ id: o.id, kind: 'info', yaw: round(a.yaw), pitch: round(a.pitch), title: o.title, text: o.text, titleZh: o.titleZh, textZh: o.textZh });
    }
  }
  return hs;
}

function buildTour() {
  const area = ROOMS.reduce((s, r) => s + (r.rect.x1 - r.rect.x0) * (r.rect.y1 - r.rect.y0), 0);
  const windows = OPENINGS.filter((o: OpeningDef) => o.kind === 'window');
  const facings = [...new Set(windows.map((w) => w.facing))];
  return {
    place: {
      id: 'demo-flat',
      kind: 'home',
      title: 'Sunny 2-bedroom flat, Riverside',
      titleZh: '滨江阳光两居室',
      city: 'Hangzhou',
      cityZh: '杭州',
      address: 'Unit 1502, Building 3, Qianjiang Riverside Garden, Shangcheng District, Hangzhou',
      addressZh: '杭州市上城区钱江滨江花园3幢1502室',
      price: 4200000,
      currency: 'CNY',
      lat: 30.2455,
      lng: 120.2146,
      areaM2: Math.round(area),
      description:
        `Bright ${Math.round(area)} m² two-bedroom flat on the 15th floor, windows facing ${facings.map((f) => ({ N: 'north', S: 'south', E: 'east', W: 'west' })[f!]).join(', ')}. ` +
        'Open living and dining room with floor-to-ceiling south glazing over the riverside park and the Qiantang River, ' +
        'fitted kitchen, tiled bathroom with bath and shower, a master bedroom with wardrobe and a study that doubles as a guest room. ' +
        'Oak floors throughout, underfloor heating, lift building with concierge; 5 minutes to Metro Line 4.',
      descriptionZh:
        `明亮的${Math.round(area)}平方米两居室，位于15层，${facings.map((f) => ({ N: '北', S: '南', E: '东', W: '西' })[f!]).join('、')}四面有窗。` +
        '客厅与餐厅相连，朝南落地窗俯瞰江边公园和钱塘江；厨房设备齐全，卫生间铺瓷砖，设浴缸和淋浴；主卧带衣柜，书房可兼作客房。' +
        '全屋橡木地板，地暖，电梯楼有门卫；步行5分钟到地铁4号线。',
    },
    startScene: 'living',
    scenes: ROOMS.map((room) => ({
      id: room.id,
      name: room.name,
      nameZh: room.nameZh,
      // World -Z (panorama yaw 0) is true north in this model.
      north: 0,
      floor: { x: round(room.eye.x, 2), y: round(room.eye.y, 2) },
      initialView: { yaw: room.initialYaw, pitch: 0, fov: 90 },
      hotspots: sceneHotspots(room),
    })),
    floorPlan: {
      width: FOOTPRINT.width,
      height: FOOTPRINT.height,
      rooms: ROOMS.map((r) => ({
        sceneId: r.id,
        polygon: [
          [r.rect.x0, r.rect.y0],
          [r.rect.x1, r.rect.y0],
          [r.rect.x1, r.rect.y1],
          [r.rect.x0, r.rect.y1],
        ],
      })),
    },
  };
}

function checkTour(tour: ReturnType<typeof buildTour>): void {
  for (const s of tour.scenes)
    for (const h of s.hotspots) {
      if (h.kind !== 'scene') continue;
      const back = tour.scenes.find((t) => t.id === h.target);
      if (!back) throw new Error(`${s.id}: hotspot to unknown scene ${String(h.target)}`);
      if (!back.hotspots.some((b) => b.kind === 'scene' && b.target === s.id)) throw new Error(`${String(h.target)} has no way back to ${s.id}`);
    }
  roomById(tour.startScene);
}

// ------------------------------------------------------------------ rendering

async function bundlePage(): Promise<string> {
  const res = await build({
    entryPoints: [path.join(here, 'demo-flat', 'page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  return res.outputFiles[0].text;
}

type DemoFlatPage = {
  init(o?: unknown): unknown;
  renderRoom(o: unknown): { width: number; height: number; rgb: string; ms: number };
  dollhouseGlb(maxTexture: number, extras: Record<string, unknown>): Promise<{ glb: string; meshes: number; triangles: number; textures: number }>;
};

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  if (!DOLLHOUSE_ONLY) {
    const tour = buildTour();
    checkTour(tour);
    await writeFile(path.join(OUT, 'tour.json'), JSON.stringify(tour, null, 2) + '\n');
    console.log(`wrote ${path.relative(repoRoot, path.join(OUT, 'tour.json'))}`);
    if (flag('tour-only')) return;
  }

  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const t0 = Date.now();
  const code = await bundlePage();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  try {
    if (!DOLLHOUSE_ONLY) await renderPanoramas(await openPage(browser, code), t0);
    // Its own page: the dollhouse is a different build of the flat (no ceiling, cut walls).
    if (WITH_DOLLHOUSE) await writeDollhouse(await openPage(browser, code));
  } finally {
    await browser.close();
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** A blank page running the bundle; nothing may be fetched. */
async function openPage(browser: Browser, code: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') console.log(`[page ${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => console.error('[page error]', err));
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#000"></body></html>');
  await page.addScriptTag({ content: code });
  return page;
}

async function writeDollhouse(page: Page): Promise<void> {
  const t1 = Date.now();
  await page.evaluate((wallTop) => (window as unknown as { demoFlat: DemoFlatPage }).demoFlat.init({ dollhouse: { wallTop } }), WALL_TOP);
  const res = await page.evaluate(
    ({ size, extras }) => (window as unknown as { demoFlat: DemoFlatPage }).demoFlat.dollhouseGlb(size, extras),
    { size: DOLLHOUSE_TEXTURE, extras: { units: 'metres', axes: 'x = plan x (east), z = plan y (south), y up', wallTop: WALL_TOP, generator: 'assets/scripts/render-demo-flat.ts --dollhouse' } },
  );
  const bytes = Buffer.from(res.glb, 'base64');
  const file = path.join(OUT, 'dollhouse.glb');
  await writeFile(file, bytes);
  console.log(
    `wrote ${path.relative(repoRoot, file)}: ${(bytes.length / 1024).toFixed(0)} KB, ${res.meshes} meshes, ${res.triangles} triangles, ${res.textures} textures, ${((Date.now() - t1) / 1000).toFixed(1)} s`,
  );
}

async function renderPanoramas(page: Page, t0: number): Promise<void> {
  const info = await page.evaluate(() => (window as unknown as { demoFlat: DemoFlatPage }).demoFlat.init());
  console.log('webgl:', JSON.stringify(info), `setup ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const id of ONLY) {
    const t1 = Date.now();
    const res = await page.evaluate(
      (opts) => (window as unknown as { demoFlat: DemoFlatPage }).demoFlat.renderRoom(opts),
      { roomId: id, faceSize: FACE, width: WIDTH, exposure: EXPOSURE, envIntensity: ENV, bounces: BOUNCES },
    );
    const raw = Buffer.from(res.rgb, 'base64');
    const file = path.join(OUT, `${id}.jpg`);
    const info2 = await sharp(raw, { raw: { width: res.width, height: res.height, channels: 3 } })
      .jpeg({ quality: QUALITY, mozjpeg: true, chromaSubsampling: '4:2:0' })
      .toFile(file);
    console.log(`${id}: ${res.width}×${res.height}, ${(info2.size / 1024).toFixed(0)} KB, render ${(res.ms / 1000).toFixed(1)} s, total ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
