import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { THROTTLED } from '../peers/benchContext.ts';

export interface ExhibitLoad {
  /** ms from navigation to the first captured frame showing at least half of the final silhouette. */
  firstFrameMs: number;
  /** ms from navigation to the first frame that no later frame differs from (PSNR ≥ 40 dB to the last). */
  finalFrameMs: number;
  /** Bytes over the network (encoded, as transferred) that had finished by the final frame. */
  bytes: number;
  requests: number;
  /** Requests to any origin but the page's own: must be 0 (decoders and lights are served locally). */
  foreign: number;
  /** Frame intervals while orbiting (ms): median and the longest. */
  orbitMedianMs: number;
  orbitMaxMs: number;
  /** Frames longer than twice the median while orbiting. */
  orbitSlowFrames: number;
  /** The viewer's box on the page, CSS px (the other viewer is given the same size). */
  box: { width: number; height: number };
}

interface Shot { at: number; rgb: Buffer }

const QUIET_MS = 1500;

/** The most frequent colour of an RGB buffer (to 4 bits a channel), as its mean. */
function commonestColour(rgb: Buffer): [number, number, number] {
  const bins = new Map<number, [number, number, number, number]>();
  for (let i = 0; i < rgb.length; i += 3) {
    const key = ((rgb[i] >> 4) << 8) | ((rgb[i + 1] >> 4) << 4) | (rgb[i + 2] >> 4);
    const b = bins.get(key) ?? [0, 0, 0, 0];
    b[0] += rgb[i];
    b[1] += rgb[i + 1];
    b[2] += rgb[i + 2];
    b[3]++;
    bins.set(key, b);
  }
  const [r, g, b, n] = [...bins.values()].reduce((a, x) => (x[3] > a[3] ? x : a));
  return [r / n, g / n, b / n];
}

function psnr(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  const mse = sum / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/**
 * One cold load of a 3D viewer page in a fresh context, `width`×`height` viewport: frames are
 * the compositor's, from a screencast (clipped to the viewer's box, found by `boxSelector`, pierced into
 * shadow roots) until the network and the picture have been still for QUIET_MS; then an
 * orbit of ~3 s by mouse drag with the page's own rAF intervals recorded. `hideCss` hides
 * what is not the rendered model (a poster image, page chrome), so a poster is not a frame.
 */
export async function measureExhibitLoad(browser: Browser, opts: { url: string; boxSelector: string; hideCss?: string; throttled: boolean; /** A page expression true once the viewer says its model is loaded: until then a long decode (no frames, no network) is not "settled". */ readyExpr: string; width: number; height: number; /** Where to write the final frame (PNG), to look at. */ finalShot?: string }): Promise<ExhibitLoad> {
  const ctx = await browser.newContext({ viewport: { width: opts.width, height: opts.height } });
  // tsx keeps function names with a __name() helper that page.evaluate'd code cannot see.
  await ctx.addInitScript('window.__name = (f) => f;');
  if (opts.hideCss) await ctx.addInitScript(`document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(opts.hideCss)}; document.head.append(s); });`);
  // A ticker in the viewport's corner (outside the measured box), blinking on the compositor:
  // the screencast sends a frame only when something changed, and when it dropped the frame
  // that finished the model (model-viewer copies its picture into a 2D canvas, often the last
  // change on the page) nothing ever came after it. With the ticker a frame follows within ~50 ms.
  await ctx.addInitScript(`document.addEventListener('DOMContentLoaded', () => {
    const s = document.createElement('style');
    s.textContent = '@keyframes bench-tick { to { opacity: 0 } }';
    document.head.append(s);
    const d = document.createElement('div');
    d.style.cssText = 'position:fixed;right:0;bottom:0;width:4px;height:4px;background:#f0f;z-index:2147483647;pointer-events:none;visibility:visible !important;animation:bench-tick 100ms steps(2, jump-none) infinite';
    document.body.append(d);
  });`);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  if (opts.throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLED);
  const origin = new URL(opts.url).origin;
  const requests = new Map<string, string>();
  const finished: { at: number; bytes: number; url: string }[] = [];
  let inFlight = 0, lastNet = 0, foreign = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith('data:') || e.request.url.startsWith('blob:')) return;
    if (new URL(e.request.url).origin !== origin) foreign++;
    if (!requests.has(e.requestId)) inFlight++;
    requests.set(e.requestId, e.request.url);
    lastNet = performance.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    const url = requests.get(e.requestId);
    if (!url || !requests.delete(e.requestId)) return;
    inFlight--;
    lastNet = performance.now();
    finished.push({ at: lastNet - t0, bytes: e.encodedDataLength, url });
  });
  cdp.on('Network.loadingFailed', (e) => {
    if (!requests.delete(e.requestId)) return;
    inFlight--;
    lastNet = performance.now();
  });

  // Frames come from the compositor through a screencast, each stamped with the time it was
  // drawn: a capture loop of screenshots competed with the page for the two cores and stamped
  // frames with when the capture returned, which moved the first-frame times between runs.
  const raw: { at: number; jpeg: Buffer }[] = [];
  let lastFrame = performance.now();
  cdp.on('Page.screencastFrame', (f) => {
    void cdp.send('Page.screencastFrameAck', { sessionId: f.sessionId }).catch(() => {});
    const at = (f.metadata.timestamp ?? Date.now() / 1000) * 1000 - epoch0;
    const jpeg = Buffer.from(f.data, 'base64');
    // A page that keeps drawing the same picture is still: only a changed picture counts (the
    // ticker's two states give two pictures of a still page, hence the last few to compare with).
    if (!raw.slice(-4).some((r) => r.jpeg.equals(jpeg))) lastFrame = performance.now();
    raw.push({ at, jpeg });
  });
  await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 92, everyNthFrame: 1 });
  const epoch0 = Date.now();
  const t0 = performance.now();
  await page.goto(opts.url, { waitUntil: 'commit' });
  const boxOf = () =>
    page.evaluate((sel) => {
      const el = document.querySelector(sel);
      const r = el!.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    }, opts.boxSelector);
  const crop = (b: { x: number; y: number; width: number; height: number }) => ({ left: b.x, top: b.y, width: Math.min(b.width, opts.width - b.x), height: Math.min(b.height, opts.height - b.y) });
  const rgbOf = async (jpeg: Buffer, b: { x: number; y: number; width: number; height: number }) => {
    const img = sharp(jpeg);
    const meta = await img.metadata();
    return meta.width === opts.width && meta.height === opts.height ? img.extract(crop(b)).removeAlpha().raw().toBuffer() : undefined;
  };
  let box: Awaited<ReturnType<typeof boxOf>>;
  let last: Buffer;
  // JPEG frames against a PNG reference: 30 dB is "the same picture" (JPEG's loss on a model's fine edges stays above it; two different frames of a model score far lower).
  const SAME_DB = 30;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = performance.now();
    if (now - t0 > 120_000) throw new Error(`bench: ${opts.url} did not settle within 120 s`);
    if (!(raw.length > 2 && inFlight === 0 && now - lastNet > QUIET_MS && now - lastFrame > QUIET_MS && (await page.evaluate(opts.readyExpr).catch(() => false)))) continue;
    // Still, by the network, the pictures and the viewer's own word. The reference is a
    // screenshot taken now; the screencast runs on, and the load is over only when its latest
    // frame is that picture: a viewer may still be preparing its first picture when it says
    // "loaded" and the page has been still for a while (model-viewer transcoding textures).
    box = await boxOf();
    const c = crop(box);
    last = await sharp(Buffer.from((await cdp.send('Page.captureScreenshot', { format: 'png', clip: { x: c.left, y: c.top, width: c.width, height: c.height, scale: 1 } })).data, 'base64')).removeAlpha().raw().toBuffer();
    await new Promise((r) => setTimeout(r, 200)); // a ticker frame or two after the screenshot
    const latest = await rgbOf(raw.at(-1)!.jpeg, box);
    if (latest && latest.length === last.length && psnr(latest, last) >= SAME_DB) break;
    lastFrame = performance.now();
  }
  await cdp.send('Page.stopScreencast');
  const shots: Shot[] = [];
  for (const f of raw) {
    const rgb = await rgbOf(f.jpeg, box);
    if (rgb) shots.push({ at: f.at, rgb });
  }
  if (shots.length === 0) throw new Error(`bench: no frame of ${opts.url} was captured at ${opts.width}×${opts.height}`);
  if (opts.finalShot) await page.screenshot({ path: opts.finalShot });
  // The model's silhouette: pixels of the final frame unlike its commonest colour (the background;
  // not a corner, which a rounded stage leaves to the page). A frame
  // shows the model when most silhouette pixels already look as they will (a blank or
  // differently coloured canvas does not) and most of the rest is the final background.
  const bg = commonestColour(last);
  const near = (a: Buffer, i: number, r: number, g: number, b: number, tol: number) => Math.abs(a[i] - r) + Math.abs(a[i + 1] - g) + Math.abs(a[i + 2] - b) <= tol;
  const silhouette: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < last.length; i += 3) (near(last, i, bg[0], bg[1], bg[2], 30) ? rest : silhouette).push(i);
  const shows = (s: Shot) => {
    if (s.rgb.length !== last.length) return false;
    const model = silhouette.filter((i) => near(s.rgb, i, last[i], last[i + 1], last[i + 2], 60)).length / Math.max(1, silhouette.length);
    const background = rest.filter((i) => near(s.rgb, i, bg[0], bg[1], bg[2], 30)).length / Math.max(1, rest.length);
    return model >= 0.5 && background >= 0.9;
  };
  const same = (x: Shot) => x.rgb.length === last.length && psnr(x.rgb, last) >= SAME_DB;
  const firstIdx = shots.findIndex(shows);
  const first = shots[firstIdx];
  let finalIdx = shots.length - 1;
  while (finalIdx > firstIdx && same(shots[finalIdx - 1])) finalIdx--;
  const final = shots[finalIdx];
  const bytes = finished.filter((f) => f.at <= final.at).reduce((a, f) => a + f.bytes, 0);
  if (process.env.BENCH_DEBUG) await sharp(first.rgb, { raw: { width: Math.min(box.width, opts.width - box.x), height: Math.min(box.height, opts.height - box.y), channels: 3 } }).png().toFile('/tmp/vantage-exhibit-bench-first.png').catch((e) => console.log(e.message));
  if (process.env.BENCH_DEBUG) console.log(finished.map((f) => `${f.at.toFixed(0)} ${f.bytes} ${f.url.slice(-60)}`).join('\n'), '\nfirst', first.at, 'final', final.at, 'shots', shots.map((s) => s.at.toFixed(0)).join(','));

  // Orbit: a horizontal drag across the middle for ~3 s, the page counting its frames.
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    let prev = performance.now();
    const tick = (t: number) => (w.__frames.push(t - prev), (prev = t), requestAnimationFrame(tick));
    requestAnimationFrame((t) => ((prev = t), requestAnimationFrame(tick)));
  });
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx - 200, cy);
  await page.mouse.down();
  for (let i = 0; i < 90; i++) {
    await page.mouse.move(cx - 200 + (400 * (i % 30)) / 30, cy + 20 * Math.sin(i / 5));
    await new Promise((r) => setTimeout(r, 33));
  }
  await page.mouse.up();
  // Only ticks in which the page drew: a viewer that renders on demand (Vantage) has idle
  // one-vsync ticks between its frames, which are not frames of the orbit and would halve the median.
  const ticks = (await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames)).slice(2);
  const vsync = Math.min(...ticks);
  const drawn = ticks.filter((f) => f > vsync * 1.5);
  // Every tick at the display's rate: frames that fast cannot be told from idle ticks, and none hitched.
  const frames = drawn.length > 0 ? drawn : ticks;
  if (process.env.BENCH_DEBUG) console.log('orbit frames', frames.map((f) => f.toFixed(0)).join(' '));
  const sorted = [...frames].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  await ctx.close();
  return {
    firstFrameMs: first.at,
    finalFrameMs: final.at,
    bytes,
    requests: finished.filter((f) => f.at <= final.at).length,
    foreign,
    orbitMedianMs: median,
    orbitMaxMs: sorted.at(-1) ?? 0,
    orbitSlowFrames: frames.filter((f) => f > 2 * median).length,
    box: { width: box.width, height: box.height },
  };
}
