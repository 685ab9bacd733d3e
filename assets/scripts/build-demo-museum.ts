/**
 * Builds the demo museum ("Qingshui Old Town Museum"): three exhibits as glTF made in code
 * (a blue-and-white vase, a bronze ding, the sand table of a river town), museum.json (halls,
 * hotspots, map, exhibits with info points and eras), and one 360° equirect JPEG per hall.
 *
 *   npm run demo:museum -- [--models-only] [--halls entrance,bronze] [--face 2048] [--width 4096] [--out assets/demo/museum]
 *
 * The models are written with @gltf-transform/core in Node and checked with the Khronos
 * validator. The halls are three.js scenes (assets/scripts/demo-museum/) bundled with esbuild
 * and rendered in headless Chromium (software WebGL) like the demo flat: a CubeCamera at eye
 * height, resampled to an equirect with the server/protocol/cubeFaces.ts convention. Everything
 * is committed, so `npm start` needs none of this.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger, NodeIO, type Document } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { meshopt } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import { validateBytes } from 'gltf-validator';
import { build } from 'esbuild';
import sharp from 'sharp';
import { chromium, type Page } from 'playwright-core';
import { demoMuseumSchema } from '../../server/demo/demoMuseumSchema.ts';
import { buildDing } from './demo-museum/buildDing.ts';
import { buildSandTable } from './demo-museum/buildSandTable.ts';
import { buildVase } from './demo-museum/buildVase.ts';
import { museumJson, type BuiltModel } from './demo-museum/museumJson.ts';
import { HALLS, PLACEMENTS } from './demo-museum/museumLayout.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const OUT = path.resolve(repoRoot, arg('out', 'assets/demo/museum'));
const FACE = Number(arg('face', '2048'));
const WIDTH = Number(arg('width', '4096'));
const EXPOSURE = Number(arg('exposure', '0.9'));
const QUALITY = Number(arg('quality', '86'));
const ONLY = arg('halls', '') ? arg('halls', '').split(',') : HALLS.map((h) => h.id);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Writes one model as GLB — geometry quantised and meshopt-compressed, so the committed
 * sources stay small — after the validator passes it; returns its bytes.
 */
async function writeModel(id: string, doc: Document): Promise<Uint8Array> {
  await Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready]);
  doc.setLogger(new Logger(Logger.Verbosity.WARN));
  await doc.transform(meshopt({ encoder: MeshoptEncoder, level: 'medium' }));
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ 'meshopt.encoder': MeshoptEncoder, 'meshopt.decoder': MeshoptDecoder });
  const bytes = await io.writeBinary(doc);
  const report = await validateBytes(bytes, { format: 'glb' });
  const problems = report.issues.messages.filter((m) => m.severity <= 1);
  if (problems.length) throw new Error(`${id}.glb does not validate: ${problems.map((m) => `${m.code} ${m.message} ${m.pointer ?? ''}`).join('; ')}`);
  const file = path.join(OUT, 'models', `${id}.glb`);
  await writeFile(file, bytes);
  const tris = report.info?.totalTriangleCount ?? 0;
  console.log(`wrote ${path.relative(repoRoot, file)}: ${(bytes.length / 1024).toFixed(0)} KB, ${tris} triangles`);
  return bytes;
}

async function buildModels(): Promise<{ models: BuiltModel[]; bytes: Record<string, Uint8Array> }> {
  await mkdir(path.join(OUT, 'models'), { recursive: true });
  const vase = await buildVase();
  const ding = await buildDing();
  const site = await buildSandTable();
  const bytes: Record<string, Uint8Array> = {
    'meiping-vase': await writeModel('meiping-vase', vase.doc),
    'bronze-ding': await writeModel('bronze-ding', ding.doc),
    'sand-table': await writeModel('sand-table', site.doc),
  };
  const models: BuiltModel[] = [
    { id: 'meiping-vase', file: 'models/meiping-vase.glb', infoPoints: vase.infoPoints },
    { id: 'bronze-ding', file: 'models/bronze-ding.glb', infoPoints: ding.infoPoints },
    { id: 'sand-table', file: 'models/sand-table.glb', infoPoints: site.infoPoints, eras: site.eras },
  ];
  return { models, bytes };
}

async function bundlePage(): Promise<string> {
  const res = await build({
    entryPoints: [path.join(here, 'demo-museum', 'page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  return res.outputFiles[0].text;
}

type DemoMuseumPage = {
  init(models: Record<string, string>): Promise<{ renderer: string }>;
  renderHall(o: { hallId: string; faceSize: number; width: number; exposure: number }): { width: number; height: number; rgb: string; ms: number };
};

async function renderHalls(bytes: Record<string, Uint8Array>): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const t0 = Date.now();
  const code = await bundlePage();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const page: Page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') console.log(`[page ${msg.type()}] ${msg.text()}`);
    });
    page.on('pageerror', (err) => console.error('[page error]', err));
    // Nothing may be fetched: the models arrive as base64 arguments.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#000"></body></html>');
    await page.addScriptTag({ content: code });
    const models = Object.fromEntries(PLACEMENTS.map((p) => [p.exhibitId, Buffer.from(bytes[p.exhibitId]).toString('base64')]));
    const info = await page.evaluate((m) => (window as unknown as { demoMuseum: DemoMuseumPage }).demoMuseum.init(m), models);
    console.log('webgl:', JSON.stringify(info), `setup ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await mkdir(path.join(OUT, 'halls'), { recursive: true });
    for (const id of ONLY) {
      const t1 = Date.now();
      const res = await page.evaluate((o) => (window as unknown as { demoMuseum: DemoMuseumPage }).demoMuseum.renderHall(o), { hallId: id, faceSize: FACE, width: WIDTH, exposure: EXPOSURE });
      const file = path.join(OUT, 'halls', `${id}.jpg`);
      const out = await sharp(Buffer.from(res.rgb, 'base64'), { raw: { width: res.width, height: res.height, channels: 3 } })
        .jpeg({ quality: QUALITY, mozjpeg: true, chromaSubsampling: '4:2:0' })
        .toFile(file);
      console.log(`${id}: ${res.width}×${res.height}, ${(out.size / 1024).toFixed(0)} KB, render ${(res.ms / 1000).toFixed(1)} s, total ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { models, bytes } = await buildModels();
  const json = demoMuseumSchema.parse(museumJson(models));
  await writeFile(path.join(OUT, 'museum.json'), JSON.stringify(json, null, 2) + '\n');
  console.log(`wrote ${path.relative(repoRoot, path.join(OUT, 'museum.json'))}`);
  if (!flag('models-only')) await renderHalls(bytes);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
