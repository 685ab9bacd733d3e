/**
 * npm run bench:exhibit — Vantage's exhibit viewer beside Google's <model-viewer> on the same
 * GLB files (the two real models in tests/fixtures/models: meshopt, and Draco + KTX2), same
 * page size, cold cache, on loopback and at 20 Mbit/s with 40 ms RTT. Vantage serves what its
 * ingest made of the upload (meshopt geometry, WebP textures, a phone rendition); model-viewer
 * gets the uploaded file itself, with its decoders served locally too. Prints a Markdown table
 * of medians with Vantage ÷ model-viewer ratios: time to first frame (half the final
 * silhouette drawn), time to the final frame, bytes by then, and frame times while orbiting.
 *
 * BENCH_RUNS (default 3) runs per figure; BENCH_NETWORKS (loopback,throttled). Never part of npm test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { Place } from '../../server/protocol/index.ts';
import { launchChromium } from '../support/launchChromium.ts';
import { ROOT, startVantage } from '../support/startVantage.ts';
import { measureExhibitLoad, type ExhibitLoad } from './exhibit/measureExhibitLoad.ts';
import { startModelViewerServer } from './exhibit/startModelViewerServer.ts';
import { medianOf } from './peers/medianOf.ts';

const env = z
  .object({
    BENCH_RUNS: z.coerce.number().int().min(1).default(3),
    BENCH_NETWORKS: z.string().regex(/^(loopback|throttled)(,(loopback|throttled))?$/).default('loopback,throttled'),
  })
  .parse(process.env);
const MODELS = [
  { name: 'pirate (meshopt)', file: 'meshoptimizer_pirate.glb' },
  { name: 'jet fighter (Draco + KTX2)', file: 'playcanvas_jet-fighter.glb' },
];
const PLACE = 'bench-museum';
const VIEWPORT = { width: 1280, height: 720 };

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-exhibit-bench-'));
console.log('exhibit benchmark: ingesting the models into a museum…');
await promisify(execFile)(
  process.execPath,
  ['--import', 'tsx', 'server/cli/ingest.ts', '--place', PLACE, '--kind', 'museum', '--title', 'Benchmark museum', '--publish', ...MODELS.flatMap((m) => ['--exhibit', path.join(ROOT, 'tests/fixtures/models', m.file)])],
  { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' } },
);
const vantage = await startVantage({ dataDir, env: { LOG_LEVEL: 'warn' } });
const mv = await startModelViewerServer(Object.fromEntries(MODELS.map((m) => [m.file, path.join(ROOT, 'tests/fixtures/models', m.file)])));
const browser = await launchChromium();
const place = (await (await fetch(`${vantage.url}/api/places/${PLACE}`)).json()) as Place;
const exhibits = place.exhibits ?? [];
if (exhibits.length !== MODELS.length) throw new Error(`bench: the museum has ${exhibits.length} exhibits, expected ${MODELS.length}`);

// Vantage's canvas box is measured on its page; model-viewer gets the same size (the same pixels to draw).
type Row = { model: string; network: string; viewer: string; r: ExhibitLoad };
const rows: Row[] = [];
let failures = 0;
try {
  for (const network of env.BENCH_NETWORKS.split(',')) {
    const throttled = network === 'throttled';
    for (const [i, m] of MODELS.entries()) {
      for (let run = 0; run < env.BENCH_RUNS; run++) {
        const attempt = async (f: () => Promise<ExhibitLoad>): Promise<ExhibitLoad | null> => {
          try {
            return await f();
          } catch (e) {
            failures++;
            console.log(`  ${m.name}, ${network}, run ${run + 1}: ${(e as Error).message}`);
            return null;
          }
        };
        const v = await attempt(() => measureExhibitLoad(browser, {
          url: `${vantage.url}/places/${PLACE}/exhibits/${exhibits[i].id}`,
          boxSelector: 'canvas',
          readyExpr: `!document.querySelector('[role=progressbar]') && !!document.querySelector('canvas')`,
          // The poster and the page's controls are not frames of the model.
          hideCss: 'img { visibility: hidden !important; } body :not(canvas):not(:has(canvas)) { visibility: hidden !important; }',
          throttled,
          ...VIEWPORT,
          finalShot: path.join(os.tmpdir(), `vantage-exhibit-bench-${i}-vantage.png`),
        }));
        if (!v) continue;
        const p = await attempt(() => measureExhibitLoad(browser, { url: `${mv.url}/mv/?src=/models/${m.file}&w=${v.box.width}&h=${v.box.height}`, boxSelector: 'model-viewer', readyExpr: `document.querySelector('model-viewer')?.loaded === true`, throttled, ...VIEWPORT, finalShot: path.join(os.tmpdir(), `vantage-exhibit-bench-${i}-model-viewer.png`) }));
        if (!p) continue;
        // Pairs only: a ratio of medians over different runs would mix a busy moment into one side.
        rows.push({ model: m.name, network, viewer: 'vantage', r: v });
        rows.push({ model: m.name, network, viewer: 'model-viewer', r: p });
        console.log(`  ${m.name}, ${network}, run ${run + 1}: vantage first ${v.firstFrameMs.toFixed(0)} ms / final ${v.finalFrameMs.toFixed(0)} ms / ${(v.bytes / 1024).toFixed(0)} KiB; model-viewer ${p.firstFrameMs.toFixed(0)} / ${p.finalFrameMs.toFixed(0)} ms / ${(p.bytes / 1024).toFixed(0)} KiB`);
      }
    }
  }
} finally {
  await browser.close();
  await mv.close();
  await vantage.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const med = (model: string, network: string, viewer: string, f: (r: ExhibitLoad) => number) => medianOf(rows.filter((x) => x.model === model && x.network === network && x.viewer === viewer).map((x) => f(x.r)));
console.log('\n| model | network | viewer | first frame ms | final frame ms | KiB by final | requests | orbit median / max ms | orbit frames > 2× median | foreign requests |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const network of env.BENCH_NETWORKS.split(','))
  for (const m of MODELS) {
    // Every pair of this row failed: say so rather than a median of nothing.
    if (!rows.some((x) => x.model === m.name && x.network === network)) {
      console.log(`| ${m.name} | ${network} | (no pair measured) | | | | | | | |`);
      continue;
    }
    for (const viewer of ['vantage', 'model-viewer']) {
      const g = (f: (r: ExhibitLoad) => number) => med(m.name, network, viewer, f);
      console.log(`| ${m.name} | ${network} | ${viewer} | ${g((r) => r.firstFrameMs).toFixed(0)} | ${g((r) => r.finalFrameMs).toFixed(0)} | ${(g((r) => r.bytes) / 1024).toFixed(0)} | ${g((r) => r.requests)} | ${g((r) => r.orbitMedianMs).toFixed(1)} / ${g((r) => r.orbitMaxMs).toFixed(1)} | ${g((r) => r.orbitSlowFrames)} | ${g((r) => r.foreign)} |`);
    }
    const ratio = (f: (r: ExhibitLoad) => number) => (med(m.name, network, 'vantage', f) / med(m.name, network, 'model-viewer', f)).toFixed(2);
    console.log(`| ${m.name} | ${network} | **Vantage ÷ model-viewer** | **${ratio((r) => r.firstFrameMs)}×** | **${ratio((r) => r.finalFrameMs)}×** | **${ratio((r) => r.bytes)}×** | | | | |`);
  }
if (failures > 0) console.log(`\n${failures} measurement(s) failed and are left out (each pair is kept or dropped whole).`);
