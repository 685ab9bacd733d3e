import type { Browser, CDPSession, Page } from 'playwright-core';
import { chromiumProcesses, rssBytes } from './chromiumProcesses.ts';
import { driftFromStamps, type DriftFigures } from './driftFromStamps.ts';
import { installLiveProbe, type ProbeStamp, type StampSample, type SwitchSample } from './liveProbe.ts';

export interface LiveSession {
  /** Navigation → every angle's video playing (a picture, not paused, time moving), ms. */
  readyMs: number;
  /** CPU over the quiet window, in cores: the page's renderer, and every Chromium process together. */
  cpuRenderer: number;
  cpuAll: number;
  /** After a forced GC: the page's JS heap in use, the renderer's RSS, all Chromium processes' RSS (bytes). */
  heap: number;
  rendererRss: number;
  allRss: number;
  drift: DriftFigures | null;
  switches: SwitchSample[];
  /** What the page says of itself, if it says anything (Vantage: ShowPlayer.driftFigures()). */
  selfDrift: { p50: number; p95: number; samples: number } | null;
}

export interface LiveSessionOptions {
  url: string;
  /** Angle ids on the page, in tile order (the first is the main). */
  angles: string[];
  /** Angle id → where its stamp is. */
  stamps: Record<string, ProbeStamp>;
  /** Angles a switch may go to (flat ones: a 360° angle shown big is drawn in WebGL, not by its video). */
  switchable: string[];
  /** Called with the page before navigation (Vantage: reshape the place's angle list). */
  prepare?: (page: Page) => Promise<unknown>;
  fps: number;
  loopFrames: number;
  warmupS: number;
  cpuS: number;
  driftS: number;
  switches: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One show page in a fresh context at 1280×800: waits for every angle to play, lets the page
 * settle (`warmupS`: a sync converges), measures CPU and memory with nothing of the benchmark's
 * running in the page, then reads every angle's frame stamp on each presented frame for
 * `driftS`, then clicks through `switches` angle switches, one a second and a half apart.
 */
export async function measureLiveSession(browser: Browser, browserCdp: CDPSession, o: LiveSessionOptions): Promise<LiveSession> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    // tsx keeps function names with a __name() helper that page-side code cannot see.
    await ctx.addInitScript('window.__name = (f) => f;');
    await ctx.addInitScript(`(${installLiveProbe.toString()})(${JSON.stringify(o.stamps)});`);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    await o.prepare?.(page);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    const t0 = performance.now();
    await page.goto(o.url, { waitUntil: 'commit' });
    await page.waitForFunction(
      (ids) =>
        ids.every((id) => {
          const v = document.querySelector<HTMLVideoElement>(`.show-tile video[data-angle="${id}"]`);
          return !!v && v.readyState >= 2 && !v.paused && v.currentTime > 0;
        }),
      o.angles,
      { timeout: 120_000, polling: 100 },
    );
    const readyMs = performance.now() - t0;
    const count = await page.locator('.show-tile video').count();
    if (count !== o.angles.length) throw new Error(`bench: ${o.url} shows ${count} videos, expected ${o.angles.length}`);
    await sleep(o.warmupS * 1000);

    const before = await chromiumProcesses(browserCdp);
    const cpuT0 = performance.now();
    await sleep(o.cpuS * 1000);
    const after = await chromiumProcesses(browserCdp);
    const wall = (performance.now() - cpuT0) / 1000;
    const delta = after.map((p) => ({ ...p, d: p.cpu - (before.find((b) => b.pid === p.pid)?.cpu ?? p.cpu) }));
    // The page's renderer is the busiest one (the only page open; a spare renderer idles).
    const renderer = delta.filter((p) => p.type === 'renderer').sort((a, b) => b.d - a.d)[0];
    if (!renderer) throw new Error('bench: Chromium reported no renderer process');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const rendererRss = await rssBytes(renderer.pid);
    const allRss = (await Promise.all(after.map((p) => rssBytes(p.pid)))).reduce((a, b) => a + b, 0);

    let drift: DriftFigures | null = null;
    const switches: SwitchSample[] = [];
    if (o.angles.length > 1) {
      await page.evaluate(() => window.__liveBench!.startDrift());
      await sleep(o.driftS * 1000);
      const samples = (await page.evaluate(() => window.__liveBench!.stopDrift())) as StampSample[];
      drift = driftFromStamps(samples, { fps: o.fps, loopFrames: o.loopFrames });

      let main = o.angles[0];
      const targets = o.switchable.filter((a) => o.angles.includes(a));
      for (let i = 0, k = 0; i < o.switches && targets.length > 1; i++) {
        const target = targets.filter((a) => a !== main)[k++ % (targets.length - 1)];
        await page.evaluate((t) => window.__liveBench!.armSwitch(t), target);
        // A real click in the middle of the tile (Vantage: its pick button covers the tile).
        await page.locator(`.show-tile:has(video[data-angle="${target}"])`).click({ timeout: 10_000 });
        await sleep(1500);
        main = target;
      }
      switches.push(...((await page.evaluate(() => window.__liveBench!.switches())) as SwitchSample[]));
    }
    const selfDrift = (await page.evaluate(() => (window as { __vantageShow?: { driftFigures(): unknown } }).__vantageShow?.driftFigures() ?? null)) as LiveSession['selfDrift'];
    return {
      readyMs,
      cpuRenderer: renderer.d / wall,
      cpuAll: delta.reduce((a, p) => a + p.d, 0) / wall,
      heap,
      rendererRss,
      allRss,
      drift,
      switches,
      selfDrift,
    };
  } finally {
    await ctx.close();
  }
}
