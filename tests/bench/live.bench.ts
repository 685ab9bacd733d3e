/**
 * npm run bench:live — Vantage's show page (/places/demo-show) beside a naive baseline (N
 * independent hls.js players with default settings on the same playlists, a click swaps which
 * one is big), in one run, on the demo show's live loop. For 1, 4 and 6 angles: time until every
 * angle plays, CPU and memory of Chromium; with more than one: switch latency (click → the new
 * main's first frame presented big, requestVideoFrameCallback, page clock), black frames per
 * switch, and inter-angle drift read from the burned-in frame stamps (assets/demo/show).
 *
 * Angles: 1 = stage; 4 = the demo's four (stage, left, wide, 360°); more = the four plus
 * duplicates of the flat ones under new ids (stage-2, left-2, …) — on Vantage's page by
 * reshaping the place's angle list on its way to the page, on the baseline by the same list.
 * Switches go between flat angles only (a 360° angle shown big is a WebGL sphere, not its video).
 *
 * BENCH_SECONDS (60) of drift; BENCH_ANGLES (1,4,6); BENCH_SWITCHES (6) per session;
 * BENCH_CPU_SECONDS (10); BENCH_WARMUP_SECONDS (8); BENCH_RUNS (1). Never part of npm test.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Place } from '../../server/protocol/index.ts';
import { demoShowSchema } from '../../server/demo/demoShowSchema.ts';
import { launchChromium } from '../support/launchChromium.ts';
import { ROOT, startVantage } from '../support/startVantage.ts';
import { quantile } from './live/driftFromStamps.ts';
import type { ProbeStamp } from './live/liveProbe.ts';
import { measureLiveSession, type LiveSession } from './live/measureLiveSession.ts';
import { startBaselineServer } from './live/startBaselineServer.ts';
import { medianOf } from './peers/medianOf.ts';

const env = z
  .object({
    BENCH_SECONDS: z.coerce.number().min(1).default(60),
    BENCH_ANGLES: z.string().regex(/^[1-9](,[1-9])*$/).default('1,4,6'),
    BENCH_SWITCHES: z.coerce.number().int().min(0).default(6),
    BENCH_CPU_SECONDS: z.coerce.number().min(1).default(10),
    BENCH_WARMUP_SECONDS: z.coerce.number().min(0).default(8),
    BENCH_RUNS: z.coerce.number().int().min(1).default(1),
  })
  .parse(process.env);
const PLACE = 'demo-show';
const GOALS = { switchMs: 100, black: 0, driftP95: 40, memoryFactor: 1.3 };

const manifest = demoShowSchema.parse(JSON.parse(await readFile(path.join(ROOT, 'assets/demo/show/manifest.json'), 'utf8')));
const demo = manifest.shows.find((s) => s.place.id === PLACE);
if (!demo) throw new Error(`bench: assets/demo/show/manifest.json has no show "${PLACE}"`);
const flat = demo.angles.filter((a) => a.projection === 'flat').map((a) => a.id);

/** The page's angles for `n`: [tile id, the demo angle it plays], main first. */
function angleSet(n: number): [string, string][] {
  const out: [string, string][] = demo!.angles.slice(0, n).map((a) => [a.id, a.id]);
  for (let k = 0; out.length < n; k++) out.push([`${flat[k % flat.length]}-${2 + Math.floor(k / flat.length)}`, flat[k % flat.length]]);
  // The show's main angle first (the page starts with it big).
  return out.sort((a, b) => Number(b[0] === demo!.show.mainAngle) - Number(a[0] === demo!.show.mainAngle));
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-live-bench-'));
console.log('live benchmark: starting Vantage (it installs the demo show)…');
const vantage = await startVantage({ dataDir, env: { LOG_LEVEL: 'warn' } });
const baseline = await startBaselineServer(vantage.url, PLACE);
const browser = await launchChromium();
const browserCdp = await browser.newBrowserCDPSession();
const real = (await (await fetch(`${vantage.url}/api/places/${PLACE}`)).json()) as Place;
if (!real.show || real.show.angles.length < demo.angles.length) throw new Error(`bench: /api/places/${PLACE} has no show with the demo's ${demo.angles.length} angles`);

type Row = { n: number; player: 'vantage' | 'baseline'; r: LiveSession };
const rows: Row[] = [];
const counts = env.BENCH_ANGLES.split(',').map(Number);
try {
  for (let run = 0; run < env.BENCH_RUNS; run++)
    for (const n of counts) {
      const set = angleSet(n);
      const stamps: Record<string, ProbeStamp> = Object.fromEntries(set.map(([id, src]) => [id, demo.angles.find((a) => a.id === src)!.stamp]));
      const switchable = set.filter(([, src]) => flat.includes(src)).map(([id]) => id);
      const common = { angles: set.map(([id]) => id), stamps, switchable, fps: manifest.fps, loopFrames: manifest.fps * manifest.segmentSeconds * manifest.segments, warmupS: env.BENCH_WARMUP_SECONDS, cpuS: env.BENCH_CPU_SECONDS, driftS: env.BENCH_SECONDS, switches: env.BENCH_SWITCHES };
      // Vantage first, then the baseline, back to back: a busy moment falls on one pair, not on one side.
      for (const player of ['vantage', 'baseline'] as const) {
        try {
          const r =
            player === 'vantage'
              ? await measureLiveSession(browser, browserCdp, {
                  ...common,
                  url: `${vantage.url}/places/${PLACE}`,
                  prepare: (page) =>
                    page.route(`${vantage.url}/api/places/${PLACE}`, (route) => {
                      const angles = set.map(([id, src]) => {
                        const a = real.show!.angles.find((x) => x.id === src)!;
                        return id === src ? a : { ...a, id, label: `${a.label} (${id})` };
                      });
                      return route.fulfill({ json: { ...real, show: { ...real.show!, angles } } });
                    }),
                })
              : await measureLiveSession(browser, browserCdp, { ...common, url: `${baseline.url}/?${set.map(([id, src]) => `angle=${id}=${src}`).join('&')}` });
          rows.push({ n, player, r });
          const sw = r.switches.map((s) => s.latencyMs?.toFixed(0) ?? '—').join(' ');
          console.log(`  ${n} angle(s), ${player}, run ${run + 1}: playing after ${(r.readyMs / 1000).toFixed(1)} s; CPU ${r.cpuRenderer.toFixed(2)} / ${r.cpuAll.toFixed(2)} cores; heap ${(r.heap / 2 ** 20).toFixed(1)} MiB, renderer RSS ${(r.rendererRss / 2 ** 20).toFixed(0)} MiB` + (r.drift ? `; drift p50/p95 ${quantile(r.drift.drifts, 0.5).toFixed(0)}/${quantile(r.drift.drifts, 0.95).toFixed(0)} ms over ${r.drift.drifts.length} (${r.drift.unread} of ${r.drift.frames} stamps unread); switches ${sw} ms, black ${r.switches.map((s) => s.black).join(' ')}` : '') + (r.selfDrift ? `; the player's own |drift| p50/p95 ${r.selfDrift.p50.toFixed(0)}/${r.selfDrift.p95.toFixed(0)} ms` : ''));
        } catch (e) {
          console.log(`  ${n} angle(s), ${player}, run ${run + 1}: failed — ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
} finally {
  await browser.close();
  await baseline.close();
  await vantage.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const of = (n: number, player: string) => rows.filter((x) => x.n === n && x.player === player).map((x) => x.r);
const med = (rs: LiveSession[], f: (r: LiveSession) => number) => (rs.length ? medianOf(rs.map(f)) : NaN);
const fig = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '—');
const MiB = 2 ** 20;
interface Figures { ready: number; switchMed: number; switchMax: number; missed: number; blackPer: number; p50: number; p95: number; cpuR: number; cpuA: number; heap: number; rss: number; allRss: number }
function figures(rs: LiveSession[]): Figures {
  const sw = rs.flatMap((r) => r.switches);
  const lat = sw.map((s) => s.latencyMs).filter((x): x is number => x != null);
  const drifts = rs.flatMap((r) => r.drift?.drifts ?? []);
  return {
    ready: med(rs, (r) => r.readyMs),
    switchMed: lat.length ? medianOf(lat) : NaN,
    switchMax: lat.length ? Math.max(...lat) : NaN,
    missed: sw.length - lat.length,
    blackPer: sw.length ? sw.reduce((a, s) => a + s.black, 0) / sw.length : NaN,
    p50: quantile(drifts, 0.5),
    p95: quantile(drifts, 0.95),
    cpuR: med(rs, (r) => r.cpuRenderer),
    cpuA: med(rs, (r) => r.cpuAll),
    heap: med(rs, (r) => r.heap),
    rss: med(rs, (r) => r.rendererRss),
    allRss: med(rs, (r) => r.allRss),
  };
}

console.log(`\nbench:live — demo show, ${env.BENCH_SECONDS} s of drift, ${env.BENCH_SWITCHES} switches a session, ${env.BENCH_RUNS} run(s); medians (drift: quantiles of every comparison)`);
for (const n of counts) console.log(`${n} angle(s): ${angleSet(n).map(([id, src]) => (id === src ? id : `${id} (= ${src})`)).join(', ')}; main ${angleSet(n)[0][0]}`);
console.log('\n| angles | player | all playing s | switch ms median (max) | black frames / switch | drift p50 / p95 ms | CPU cores renderer / all | JS heap MiB | renderer RSS MiB | all RSS MiB |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const byN = new Map<number, { v: Figures; b: Figures }>();
for (const n of counts) {
  const v = figures(of(n, 'vantage')), b = figures(of(n, 'baseline'));
  byN.set(n, { v, b });
  for (const [name, f] of [['Vantage', v], ['hls.js × N (baseline)', b]] as const) {
    const multi = n > 1;
    console.log(`| ${n} | ${name} | ${fig(f.ready / 1000, 1)} | ${multi ? `${fig(f.switchMed)} (${fig(f.switchMax)})${f.missed ? `, ${f.missed} without a frame` : ''}` : '—'} | ${multi ? fig(f.blackPer, 2) : '—'} | ${multi ? `${fig(f.p50)} / ${fig(f.p95)}` : '—'} | ${fig(f.cpuR, 2)} / ${fig(f.cpuA, 2)} | ${fig(f.heap / MiB, 1)} | ${fig(f.rss / MiB)} | ${fig(f.allRss / MiB)} |`);
  }
  const multi = n > 1;
  console.log(`| ${n} | **Vantage ÷ baseline** | ${ratio(v.ready, b.ready)} | ${multi ? ratio(v.switchMed, b.switchMed) : '—'} | | ${multi ? `${ratio(v.p50, b.p50)} / ${ratio(v.p95, b.p95)}` : '—'} | ${ratio(v.cpuR, b.cpuR)} / ${ratio(v.cpuA, b.cpuA)} | ${ratio(v.heap, b.heap)} | ${ratio(v.rss, b.rss)} | ${ratio(v.allRss, b.allRss)} |`);
}

// Goals (issue 17), beside what Vantage measured here.
const most = Math.max(...counts.filter((n) => n > 1), 0);
const one = byN.get(1), many = byN.get(most);
const memGoal = (f: (x: { v: Figures; b: Figures }) => Figures) => (one && many && most ? `${fig(f(many).rss / MiB)} MiB vs ${GOALS.memoryFactor} × ${most} × ${fig(f(one).rss / MiB)} MiB = ${fig((GOALS.memoryFactor * most * f(one).rss) / MiB)} MiB (${(f(many).rss / (most * f(one).rss)).toFixed(2)}× one angle's × ${most})` : 'needs 1 in BENCH_ANGLES');
console.log(`\n| goal (Vantage, ${most} angles) | target | Vantage | baseline |`);
console.log('|---|---|---|---|');
if (many) {
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  console.log(`| switch latency, median (max) | ≤ ${GOALS.switchMs} ms | ${fig(many.v.switchMed)} (${fig(many.v.switchMax)}) ms — ${met(many.v.switchMax <= GOALS.switchMs)} | ${fig(many.b.switchMed)} (${fig(many.b.switchMax)}) ms |`);
  console.log(`| black frames per switch | ${GOALS.black} | ${fig(many.v.blackPer, 2)} — ${met(many.v.blackPer === 0)} | ${fig(many.b.blackPer, 2)} |`);
  console.log(`| drift p95 | ≤ ${GOALS.driftP95} ms | ${fig(many.v.p95)} ms — ${met(many.v.p95 <= GOALS.driftP95)} | ${fig(many.b.p95)} ms |`);
  console.log(`| renderer RSS, ${most} angles | ≤ ${GOALS.memoryFactor}× one angle's × ${most} | ${memGoal((x) => x.v)} | ${memGoal((x) => x.b)} |`);
}
const failed = counts.length * 2 * env.BENCH_RUNS - rows.length;
if (failed > 0) console.log(`\n${failed} session(s) failed and are left out.`);
