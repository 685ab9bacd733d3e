/**
 * npm run bench:tour — how fast a tour becomes sharp, and what it costs, for the demo
 * flat's living room and for tests/fixtures/jfk-terminal.jpg (4096×2048, ingested into the
 * bench's own data folder).
 * Prints figures only (no pass/fail): bytes and requests until sharp at 1280×720 for DPR 1
 * and 2; time to first preview and to sharp on loopback and throttled (20 Mbit/s, 40 ms
 * RTT); long frames during a scripted pan while tiles stream; room switch time. The
 * baseline in the same run is what fetching the whole top level of the room would cost.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Place } from '../../server/protocol/index.ts';
import { launchChromium } from '../support/launchChromium.ts';
import { ROOT, startVantage } from '../support/startVantage.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PSNR_ONLY = process.env.BENCH_PSNR_ONLY === '1';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Bytes and count of the files ending in `ext` (a scene may hold its tiles in two formats). */
async function dirBytes(dir: string, ext: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0, files = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      const sub = await dirBytes(full, ext);
      bytes += sub.bytes;
      files += sub.files;
    } else if (e.name.endsWith(`.${ext}`)) {
      bytes += (await stat(full)).size;
      files++;
    }
  }
  return { bytes, files };
}

const JFK = path.resolve(ROOT, 'tests/fixtures/jfk-terminal.jpg');

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-bench-'));
/** Ingests the fixture photo as its own published place (the CLI needs the database to itself, so before the server starts). */
function ingestJfk(dir: string, env: Record<string, string> = {}): boolean {
  if (!existsSync(JFK)) {
    console.log(`(${JFK} is missing: jfk-terminal figures skipped)`);
    return false;
  }
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/ingest.ts'), '--place', 'jfk-terminal', '--publish', JFK], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, ...env },
    stdio: 'ignore',
  });
  return true;
}
const withJfk = ingestJfk(dataDir);

// Equal quality: the same photos tiled three ways as places of their own — a lossless
// reference (WebP lossless through the same levels and viewer, so only the codec differs),
// JPEG q82 (the encoding before AVIF) and the current default — then PSNR of the settled
// view of each against the reference's.
const PSNR_SOURCES = [
  { id: 'living', file: path.join(ROOT, 'assets/demo/flat/living.jpg') },
  ...(withJfk ? [{ id: 'jfk-terminal', file: JFK }] : []),
];
const ENCODINGS = [
  { id: 'ref', label: 'lossless reference', env: { TILE_FORMAT: 'webp-lossless' } },
  { id: 'jpg', label: 'JPEG q82 (before)', env: { TILE_FORMAT: 'jpg', TILE_QUALITY: '82' } },
  { id: 'now', label: 'default (now)', env: {} as Record<string, string> },
];
for (const src of PSNR_SOURCES)
  for (const enc of ENCODINGS)
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/cli/ingest.ts'), '--place', `psnr-${enc.id}-${src.id}`, '--publish', src.file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, ...enc.env },
      stdio: 'ignore',
    });
const server = await startVantage({ dataDir });
const browser = await launchChromium();
// tsx keeps function names with a __name() helper that page.evaluate'd code cannot see.
const newContext: typeof browser.newContext = async (opts) => {
  const ctx = await browser.newContext(opts);
  await ctx.addInitScript('window.__name = (f) => f');
  return ctx;
};
try {
  type Run = { previewMs: number; sharpMs: number; bytes: number; requests: number };
  async function load(url: string, dpr: number, throttled: boolean): Promise<Run> {
    const ctx = await newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: dpr });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled)
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 40,
        downloadThroughput: (20e6 / 8),
        uploadThroughput: (20e6 / 8),
      });
    await page.goto(url);
    await page.waitForFunction(() => window.__vantage?.tour.viewer.marks.sharpAt != null, null, { timeout: 60_000, polling: 50 });
    const r = await page.evaluate(() => {
      const m = window.__vantage!.tour.viewer.marks;
      const tiles = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (e) => new URL(e.name).pathname.startsWith('/tiles/') && !e.name.endsWith('cover.jpg') && e.responseEnd <= m.sharpAt!,
      );
      return { previewMs: m.previewAt!, sharpMs: m.sharpAt!, bytes: tiles.reduce((s, e) => s + e.encodedBodySize, 0), requests: tiles.length };
    });
    await ctx.close();
    return r;
  }

  // BENCH_PSNR_ONLY=1 runs the equal-quality section alone (e.g. to try TILE_QUALITY values).
  const sources = PSNR_ONLY ? [] : [{ placeId: 'demo-flat', sceneId: undefined as string | undefined }, ...(withJfk ? [{ placeId: 'jfk-terminal', sceneId: undefined }] : [])];
  let place!: Place;
  let start!: Place['tour']['scenes'][number];
  for (const src of sources) {
    const p = (await (await fetch(`${server.url}/api/places/${src.placeId}`)).json()) as Place;
    const sc = p.tour.scenes.find((s) => s.id === (src.sceneId ?? p.tour.startScene))!;
    if (src.placeId === 'demo-flat') [place, start] = [p, sc];
    const rev = sc.previewUrl.split('/').at(-2)!;
    const top = sc.levels.length - 1;
    const topLevel = await dirBytes(path.join(dataDir, 'tiles', p.id, sc.id, rev, String(top)), sc.tileFormat);
    const url = `${server.url}/places/${p.id}/tour?scene=${sc.id}&yaw=0&pitch=0&fov=90`;
    console.log(`\nVantage tour benchmark — ${p.id} "${sc.name}" (${sc.tileFormat} tiles), ${RUNS} runs each, medians`);
    console.log(`baseline: whole top level (${sc.levels[top].size}px faces) = ${topLevel.files} files, ${(topLevel.bytes / 1024).toFixed(0)} KiB\n`);
    console.log('network    DPR  first preview  sharp     requests  KiB to sharp  vs whole top level');
    for (const throttled of [false, true])
      for (const dpr of [1, 2]) {
        const runs: Run[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await load(url, dpr, throttled));
        const bytes = median(runs.map((r) => r.bytes));
        console.log(
          `${(throttled ? '20Mbit/40ms' : 'loopback').padEnd(10)} ${String(dpr).padStart(3)}  ${median(runs.map((r) => r.previewMs)).toFixed(0).padStart(10)} ms  ${median(runs.map((r) => r.sharpMs)).toFixed(0).padStart(5)} ms  ${String(median(runs.map((r) => r.requests))).padStart(8)}  ${(bytes / 1024).toFixed(0).padStart(12)}  ${(bytes / topLevel.bytes).toFixed(2).padStart(18)}×`,
        );
      }
  }
  console.log('');

  // PSNR of the settled view (1280×720, DPR 1, overlays hidden) against the lossless reference.
  {
    const VIEWS = [
      { yaw: 0, pitch: 0, fov: 90 },
      { yaw: 135, pitch: 35, fov: 90 }, // across a cube edge, looking up
      { yaw: 250, pitch: -50, fov: 90 }, // looking down
    ];
    const shots = process.env.BENCH_SHOTS; // a folder: keep the screenshots to look at
    async function settledView(placeId: string, sceneId: string, v: (typeof VIEWS)[number]): Promise<{ rgb: Buffer; bytes: number } | null> {
      const ctx = await newContext({ viewport: { width: 1280, height: 720 } });
      const page = await ctx.newPage();
      await page.goto(`${server.url}/places/${placeId}/tour?scene=${sceneId}&yaw=${v.yaw}&pitch=${v.pitch}&fov=${v.fov}`);
      const settled = await page.waitForFunction(() => window.__vantage?.status().sharp === true, null, { timeout: 60_000, polling: 50 }).then(() => true, () => false);
      if (!settled) {
        console.log(`  (${placeId} at ${v.yaw}°/${v.pitch}° not sharp after 60 s: ${JSON.stringify(await page.evaluate(() => window.__vantage?.status()))})`);
        await ctx.close();
        return null;
      }
      await page.addStyleTag({ content: '.tour > :not(.tour-canvas) { visibility: hidden !important; }' });
      await page.evaluate(() => new Promise((r) => { let n = 0; const f = () => (++n > 10 ? r(null) : requestAnimationFrame(f)); requestAnimationFrame(f); }));
      const png = await page.screenshot();
      const bytes = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => new URL(e.name).pathname.startsWith('/tiles/') && !e.name.endsWith('cover.jpg'))
          .reduce((s, e) => s + e.encodedBodySize, 0),
      );
      if (shots) await sharp(png).toFile(path.join(shots, `${placeId}-${v.yaw}_${v.pitch}.png`));
      await ctx.close();
      return { rgb: await sharp(png).removeAlpha().raw().toBuffer(), bytes };
    }
    const psnr = (a: Buffer, b: Buffer) => {
      let se = 0;
      for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
      return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / a.length));
    };
    console.log('equal quality: PSNR of the settled view vs a lossless reference tiled the same way (1280×720 DPR 1; three views: front, up across an edge, down)');
    for (const src of PSNR_SOURCES) {
      const ref = await Promise.all(VIEWS.map((v) => settledView(`psnr-ref-${src.id}`, src.id, v)));
      for (const enc of ENCODINGS.slice(1)) {
        const got: ({ rgb: Buffer; bytes: number } | null)[] = [];
        for (const v of VIEWS) got.push(await settledView(`psnr-${enc.id}-${src.id}`, src.id, v));
        const p = got.map((g, i) => (g && ref[i] ? psnr(g.rgb, ref[i].rgb).toFixed(2) : '—'));
        console.log(
          `  ${src.id.padEnd(13)} ${enc.label.padEnd(20)} PSNR ${p.join(' / ')} dB   KiB loaded for the view ${got.map((g) => (g ? (g.bytes / 1024).toFixed(0) : '—')).join(' / ')}`,
        );
      }
    }
    console.log('');
  }

  // A phone on a slow link (issue 18): 390 × 844 at DPR 3 with touch, 1.6 Mbit/s and 150 ms,
  // cold. Time to the first frame that is not blank, and to the first view sharp in WebGL.
  if (!PSNR_ONLY) {
    const phoneRuns: { nonBlankMs: number | null; sharpMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ctx = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
      // The compositor's frames, each stamped when drawn: the first with a picture in it (not one
      // flat colour) is when the phone stopped showing a blank page.
      const frames: { at: number; jpeg: Buffer }[] = [];
      cdp.on('Page.screencastFrame', (f) => {
        void cdp.send('Page.screencastFrameAck', { sessionId: f.sessionId }).catch(() => {});
        frames.push({ at: (f.metadata.timestamp ?? 0) * 1000, jpeg: Buffer.from(f.data, 'base64') });
      });
      await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 60, maxWidth: 390, maxHeight: 844 });
      await page.goto(`${server.url}/places/${place.id}/tour?scene=${start.id}&yaw=0&pitch=0&fov=90`, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__vantage?.tour.viewer.marks.sharpAt != null, null, { timeout: 120_000, polling: 50 });
      await cdp.send('Page.stopScreencast');
      const { origin, sharpMs } = await page.evaluate(() => ({ origin: performance.timeOrigin, sharpMs: window.__vantage!.tour.viewer.marks.sharpAt! }));
      let nonBlankMs: number | null = null;
      for (const f of frames) {
        const { channels } = await sharp(f.jpeg).resize(64).stats();
        if (channels.slice(0, 3).some((c) => c.stdev > 12)) {
          nonBlankMs = f.at - origin;
          break;
        }
      }
      phoneRuns.push({ nonBlankMs, sharpMs });
      await ctx.close();
    }
    const shown = phoneRuns.map((r) => r.nonBlankMs).filter((x): x is number => x != null);
    console.log(
      `\nphone 390×844 DPR 3, 1.6 Mbit/s 150 ms, cold (${RUNS} runs, medians): first non-blank frame ${shown.length ? `${median(shown).toFixed(0)} ms` : 'never'}${shown.length < RUNS ? ` (blank throughout in ${RUNS - shown.length} run(s))` : ''}, first view sharp in WebGL ${median(phoneRuns.map((r) => r.sharpMs)).toFixed(0)} ms`,
    );
  }

  // Scripted pan while tiles stream (throttled, so tiles keep arriving during the pan).
  if (!PSNR_ONLY) {
    const ctx = await newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 });
    await page.goto(`${server.url}/places/${place.id}/tour?scene=${start.id}&yaw=0&pitch=0&fov=90`);
    await page.waitForFunction(() => window.__vantage?.status().previewReady === true, null, { timeout: 60_000 });
    const pan = await page.evaluate(
      () =>
        new Promise<{ frames: number[]; tilesDuring: number }>((resolve) => {
          const v = window.__vantage!;
          const before = v.requests().length;
          const frames: number[] = [];
          let last = performance.now();
          const t0 = last;
          const step = (now: number) => {
            frames.push(now - last);
            last = now;
            const t = (now - t0) / 4000;
            v.tour.view.setView({ yaw: t * 360, pitch: 10 * Math.sin(t * Math.PI * 2), fov: 90 });
            if (t < 1) requestAnimationFrame(step);
            else resolve({ frames: frames.slice(1), tilesDuring: v.requests().length - before });
          };
          requestAnimationFrame(step);
        }),
    );
    const med = median(pan.frames);
    const long = pan.frames.filter((f) => f > 2 * med);
    const p95 = [...pan.frames].sort((a, b) => a - b)[Math.floor(pan.frames.length * 0.95)];
    console.log(`\npan 360° in 4 s while streaming (20 Mbit/s): ${pan.frames.length} frames, median ${med.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, long frames (>2× median) ${long.length}${long.length ? ` (${long.map((f) => f.toFixed(0)).join(', ')} ms)` : ''}, ${pan.tilesDuring} tiles fetched during the pan`);
    await ctx.close();
  }

  // Room switch: frames and ms from the click to the next room visible.
  if (!PSNR_ONLY) {
    const ctx = await newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/places/${place.id}/tour?scene=${start.id}`);
    await page.waitForFunction(() => window.__vantage?.status().sharp === true, null, { timeout: 60_000 });
    await page.waitForTimeout(500); // neighbour previews prefetched, as after a moment's look
    const switches: { ms: number; frames: number }[] = [];
    for (const h of start.hotspots) {
      if (h.kind !== 'scene') continue;
      const r = await page.evaluate(
        ({ from, to }) =>
          new Promise<{ ms: number; frames: number }>((resolve) => {
            const v = window.__vantage!;
            v.tour.goTo(from);
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                const t0 = performance.now();
                v.tour.goTo(to);
                let frames = 0;
                const check = () => {
                  frames++;
                  const s = v.status();
                  if (s.sceneId === to && s.previewReady) resolve({ ms: performance.now() - t0, frames });
                  else requestAnimationFrame(check);
                };
                requestAnimationFrame(check);
              }),
            );
          }),
        { from: start.id, to: h.target },
      );
      switches.push(r);
    }
    console.log(`room switch (neighbour previews prefetched): next room visible after ${switches.map((s) => `${s.frames} frame${s.frames > 1 ? 's' : ''} (${s.ms.toFixed(0)} ms)`).join(', ')}`);
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
