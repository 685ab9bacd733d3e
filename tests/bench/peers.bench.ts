/**
 * npm run bench:peers — Vantage beside Photo Sphere Viewer (cubemap tiles), Marzipano and
 * Pannellum on the same photos, cut into each viewer's native tile pyramid (512 px tiles,
 * JPEG q82 4:2:0) and served from one loopback origin. Prints one Markdown table of medians
 * with ratios to the best peer; method and the definition of "sharp" in tests/bench/README.md.
 *
 * BENCH_RUNS (default 5) runs per figure; BENCH_DPRS (default 1,2) which load rows; BENCH_VIEWERS (default all) which
 * viewers, e.g. vantage,marzipano; BENCH_SOURCES (jfk,flat: load and pan) and BENCH_NETWORKS
 * (loopback,throttled: load) narrow the groups; BENCH_QUICK=1 means 1 run. BENCH_OUT (default
 * $TMPDIR/vantage-peers-bench) keeps the peer tile sets between runs, the final screenshots
 * and results.md. Never part of npm test.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { decodeEquirect, type RawImage } from '../../server/ingest/decodeEquirect.ts';
import { launchChromium } from '../support/launchChromium.ts';
import { ROOT } from '../support/startVantage.ts';
import { VIEWERS as ALL_VIEWERS, type BenchTarget, type ViewerId } from './peers/BenchTarget.ts';
import { formatTable, type Row } from './peers/formatTable.ts';
import { measureLoad, type LoadResult } from './peers/measureLoad.ts';
import { measurePan } from './peers/measurePan.ts';
import { measureSwitch } from './peers/measureSwitch.ts';
import { medianOf } from './peers/medianOf.ts';
import { prepareTileSets } from './peers/prepareTileSets.ts';
import { renderReference, type BenchView } from './peers/renderReference.ts';
import { startBenchVantage } from './peers/startBenchVantage.ts';
import { startPeerServer } from './peers/startPeerServer.ts';

const env = z
  .object({
    BENCH_RUNS: z.coerce.number().int().min(1).optional(),
    BENCH_QUICK: z.enum(['0', '1']).optional(),
    BENCH_OUT: z.string().min(1).optional(),
    BENCH_DPRS: z.string().regex(/^[12](,[12])?$/).default('1,2'),
    BENCH_VIEWERS: z.string().regex(/^(vantage|psv|marzipano|pannellum)(,(vantage|psv|marzipano|pannellum))*$/).optional(),
    BENCH_PHASES: z.string().regex(/^(check|load|pan|switch)(,(check|load|pan|switch))*$/).default('check,load,pan,switch'),
    BENCH_SOURCES: z.string().regex(/^(jfk|flat)(,(jfk|flat))?$/).default('jfk,flat'),
    BENCH_NETWORKS: z.string().regex(/^(loopback|throttled)(,(loopback|throttled))?$/).default('loopback,throttled'),
  })
  .parse(process.env);
const RUNS = env.BENCH_RUNS ?? (env.BENCH_QUICK === '1' ? 1 : 5);
const PHASES = new Set(env.BENCH_PHASES.split(','));
const DPRS = env.BENCH_DPRS.split(',').map(Number);
const VIEWERS = env.BENCH_VIEWERS ? ALL_VIEWERS.filter((v) => env.BENCH_VIEWERS!.split(',').includes(v)) : ALL_VIEWERS;
const OUT = env.BENCH_OUT ?? path.join(os.tmpdir(), 'vantage-peers-bench');
const JFK = path.join(ROOT, 'tests/fixtures/jfk-terminal.jpg');

// Read from where they live at run time, never copied into the repo.
const tourJson = z
  .object({ scenes: z.array(z.object({ id: z.string(), hotspots: z.array(z.object({ kind: z.string(), target: z.string().optional() })) })) })
  .parse(JSON.parse(await readFile(path.join(ROOT, 'assets/demo/flat/tour.json'), 'utf8')));
const targets: BenchTarget[] = [
  { set: 'jfk', placeId: 'bench-jfk', rooms: [{ id: 'jfk-terminal', photo: JFK }] },
  { set: 'flat', placeId: 'demo-flat', rooms: tourJson.scenes.map((s) => ({ id: s.id, photo: path.join(ROOT, 'assets/demo/flat', `${s.id}.jpg`) })) },
];
/** The measured view: 89° and a non-zero yaw, so view edges don't sit on cube-face edges (at 90° some viewers fetch neighbours' edge tiles). */
const VIEW: BenchView = { yaw: 30, pitch: 0, hfov: 89 };
/** Conventions check: looking up and down too, where a flipped or mirrored top/bottom face shows. */
const CHECK_VIEWS: Record<string, BenchView> = { horizon: VIEW, up: { yaw: 30, pitch: 60, hfov: 89 }, down: { yaw: -120, pitch: -60, hfov: 89 } };
const NETWORKS = [{ name: 'loopback', throttled: false }, { name: '20 Mbit/s, 40 ms', throttled: true }];
/** The load and pan phases' sources, the load phase's networks (BENCH_SOURCES, BENCH_NETWORKS): one group at a time while working on it. */
const LOAD_SOURCES = env.BENCH_SOURCES.split(',');
const LOAD_NETWORKS = NETWORKS.filter((n) => env.BENCH_NETWORKS.split(',').includes(n.throttled ? 'throttled' : 'loopback'));

await mkdir(path.join(OUT, 'shots'), { recursive: true });
console.log(`peers benchmark: ${RUNS} run(s) per figure, output in ${OUT}`);
for (const t of targets) await prepareTileSets(path.join(OUT, 'tiles'), t.set, t.rooms);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-peers-data-'));
const vantage = await startBenchVantage(dataDir, [{ id: 'bench-jfk', title: 'JFK terminal (benchmark)', photos: [JFK] }]);
const server = await startPeerServer({ vantageUrl: vantage.url, tilesDir: path.join(OUT, 'tiles') });
const browser = await launchChromium();

const sources = new Map<string, RawImage>();
const references = new Map<string, Buffer>();
async function reference(photo: string, view: BenchView, dpr: number): Promise<Buffer> {
  const key = `${photo}|${view.yaw}|${view.pitch}|${view.hfov}|${dpr}`;
  if (!references.has(key)) {
    if (!sources.has(photo)) sources.set(photo, await decodeEquirect(photo, `"${path.basename(photo)}"`));
    references.set(key, renderReference(sources.get(photo)!, view, 1280 * dpr, 720 * dpr));
  }
  return references.get(key)!;
}

const results: string[] = [];
const say = (s: string) => {
  console.log(s);
  results.push(s);
};
try {
  const base = server.url;
  if (PHASES.has('check')) {
    say('\n### Same view in every viewer (jfk, DPR 1, loopback, final-frame PSNR dB vs the reference)\n');
    say('| viewer | horizon (yaw 30, pitch 0) | up (yaw 30, pitch 60) | down (yaw −120, pitch −60) |\n|---|---|---|---|');
    const jfk = targets[0];
    for (const viewer of VIEWERS) {
      const cells: string[] = [];
      for (const [name, view] of Object.entries(CHECK_VIEWS)) {
        const r = await measureLoad(browser, { base, viewer, target: jfk, room: jfk.rooms[0].id, view, dpr: 1, throttled: false, reference: await reference(JFK, view, 1), saveFinal: path.join(OUT, 'shots', `${viewer}-jfk-${name}.png`) });
        cells.push(r.finalPsnr.toFixed(1));
      }
      say(`| ${viewer} | ${cells.join(' | ')} |`);
    }
    await writeFile(path.join(OUT, 'shots', 'reference-jfk-horizon.png'), await sharpPng(await reference(JFK, VIEW, 1), 1280, 720));
  }

  const rows: Row[] = [];
  const startRoom = (t: BenchTarget) => (t.set === 'flat' ? 'living' : t.rooms[0].id);
  // Rows are written to results.md as they come, so an interrupted run still leaves its figures.
  const flush = () => writeFile(path.join(OUT, 'results.md'), [...results, `\n### Results so far (${RUNS} run${RUNS > 1 ? 's' : ''} per figure, medians)\n`, formatTable(rows)].join('\n') + '\n');
  // DPR 1 loads, the pan and the switch first, DPR 2 last: the figures most worth having if a run is cut short.
  async function loadPhase(dpr: number) {
    if (!PHASES.has('load') || !DPRS.includes(dpr)) return;
    for (const t of targets.filter((t) => LOAD_SOURCES.includes(t.set)))
      for (const net of LOAD_NETWORKS) {
          const room = startRoom(t);
          const ref = await reference(t.rooms.find((r) => r.id === room)!.photo, VIEW, dpr);
          for (const viewer of VIEWERS) {
            const runs: LoadResult[] = [];
            for (let i = 0; i < RUNS; i++) {
              const opts = { base, viewer, target: t, room, view: VIEW, dpr, throttled: net.throttled, reference: ref, saveFinal: i === 0 ? path.join(OUT, 'shots', `${viewer}-${t.set}-${net.throttled ? 'throttled' : 'loopback'}-dpr${dpr}.png`) : undefined };
              // One retry: on these loaded machines a run can hang (seen once: nothing arrived in 90 s); say so, don't lose the whole bench.
              runs.push(await measureLoad(browser, opts).catch((err: Error) => (console.log(`  retrying ${viewer} after: ${err.message}`), measureLoad(browser, opts))));
            }
            const m = (k: keyof LoadResult) => medianOf(runs.map((r) => r[k]));
            const row: Row = { source: t.set === 'jfk' ? 'jfk-terminal' : 'demo flat (living)', network: net.name, dpr, viewer, kib: m('bytes') / 1024, requests: m('requests'), firstImageS: m('firstImageMs') / 1000, sharpS: m('sharpMs') / 1000, psnr: m('finalPsnr') };
            rows.push(row);
            await flush();
            console.log(`  ${row.source} · ${net.name} · DPR ${dpr} · ${viewer}: ${row.kib.toFixed(0)} KiB, ${row.requests} req to sharp; first image ${row.firstImageS.toFixed(2)} s, sharp ${row.sharpS.toFixed(2)} s, PSNR ${row.psnr.toFixed(1)} dB (runs: ${runs.map((r) => (r.sharpMs / 1000).toFixed(2)).join(', ')} s; ${runs.map((r) => (r.totalBytes / 1024).toFixed(0)).join(', ')} KiB total; a shot every ${medianOf(runs.map((r) => r.shotIntervalMs)).toFixed(0)} ms)`);
          }
        }
  }
  await loadPhase(1);
  const rowFor = (source: string, network: string, viewer: ViewerId) => rows.find((r) => r.source === source && r.network === network && r.dpr === 1 && r.viewer === viewer);

  if (PHASES.has('pan'))
    for (const t of targets.filter((t) => LOAD_SOURCES.includes(t.set)))
      for (const viewer of VIEWERS) {
        const net = NETWORKS[1];
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measurePan(browser, { base, viewer, target: t, room: startRoom(t), view: VIEW, dpr: 1, throttled: net.throttled }));
        const source = t.set === 'jfk' ? 'jfk-terminal' : 'demo flat (living)';
        console.log(`  pan ${source} · ${viewer}: long frames ${runs.map((r) => `${r.longFrames}/${r.frames} (median ${r.medianMs.toFixed(0)} ms, ${r.slowFrames} ≥ 45 ms, mean ${r.meanMs.toFixed(1)} ms, ${r.fetchedDuring} tiles)`).join(', ')}`);
        const row = rowFor(source, net.name, viewer);
        if (row) Object.assign(row, { longFrames: medianOf(runs.map((r) => r.longFrames)), panFrames: medianOf(runs.map((r) => r.frames)), panMedianMs: medianOf(runs.map((r) => r.medianMs)), slowFrames: medianOf(runs.map((r) => r.slowFrames)), panMeanMs: medianOf(runs.map((r) => r.meanMs)) });
        await flush();
      }

  if (PHASES.has('switch')) {
    const flat = targets[1];
    const to = tourJson.scenes.find((s) => s.id === 'living')!.hotspots.find((h) => h.kind === 'scene')!.target!;
    const ref = await reference(flat.rooms.find((r) => r.id === to)!.photo, VIEW, 1);
    for (const net of NETWORKS)
      for (const viewer of VIEWERS) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measureSwitch(browser, { base, viewer, target: flat, from: 'living', to, view: VIEW, dpr: 1, throttled: net.throttled, reference: ref }));
        console.log(`  switch living → ${to} · ${net.name} · ${viewer}: visible ${runs.map((r) => (r.visibleMs / 1000).toFixed(2)).join(', ')} s; sharp ${runs.map((r) => (r.sharpMs / 1000).toFixed(2)).join(', ')} s; PSNR ${runs.map((r) => r.finalPsnr.toFixed(1)).join(', ')}`);
        const row = rowFor('demo flat (living)', net.name, viewer);
        if (row) row.switchS = medianOf(runs.map((r) => r.visibleMs)) / 1000;
        await flush();
      }
  }

  await loadPhase(2);
  rows.sort((a, b) => targets.findIndex((t) => a.source.startsWith(t.set === 'jfk' ? 'jfk' : 'demo')) - targets.findIndex((t) => b.source.startsWith(t.set === 'jfk' ? 'jfk' : 'demo')) || NETWORKS.findIndex((n) => n.name === a.network) - NETWORKS.findIndex((n) => n.name === b.network) || a.dpr - b.dpr);
  if (rows.length) {
    say(`\n### Results (${RUNS} run${RUNS > 1 ? 's' : ''} per figure, medians; ratio = value ÷ best peer in the same group)\n`);
    say(formatTable(rows));
  }
  await writeFile(path.join(OUT, 'results.md'), results.join('\n') + '\n');
} finally {
  await browser.close();
  await server.close();
  await vantage.stop();
  await rm(dataDir, { recursive: true, force: true });
}

async function sharpPng(rgb: Buffer, width: number, height: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
}
