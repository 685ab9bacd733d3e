/**
 * Renders the demo shows' loops with ffmpeg (needed only to regenerate; the server never runs it):
 * "demo-show", three flat test-pattern angles (Stage with a tone, Left, Wide) and one 360°
 * equirect angle (a sky/ground grid with yaw labels), and "demo-window", a slow-live pan
 * across the demo flat's south window. Every angle has a large burned-in clock (loop time,
 * seconds.milliseconds) and a machine-readable frame stamp (demoShowSchema.ts says where and how
 * to read it), the same fps, the same segment length with a keyframe at each boundary and the
 * same loop length, so all angles are frame-aligned. Writes MPEG-TS segments
 * `assets/demo/show/<angle>/seg-<n>.ts` and `assets/demo/show/manifest.json`.
 *
 *   npm run demo:show -- [--seconds 20] [--out assets/demo/show]
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoShowSchema, type DemoShow, type FrameStamp } from '../../server/demo/demoShowSchema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const FPS = 25;
const SEGMENT_SECONDS = 2;
const LOOP_SECONDS = Number(arg('seconds', '20'));
const OUT = path.resolve(repoRoot, arg('out', 'assets/demo/show'));
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf';
const STAMP_BITS = 12;
if (!Number.isInteger(LOOP_SECONDS / SEGMENT_SECONDS) || LOOP_SECONDS <= 0) throw new Error(`Vantage: --seconds must be a multiple of ${SEGMENT_SECONDS}`);
if (LOOP_SECONDS * FPS >= 2 ** STAMP_BITS) throw new Error(`Vantage: a ${LOOP_SECONDS} s loop has more frames than a ${STAMP_BITS}-bit stamp counts`);

interface AngleSpec {
  id: string;
  label: string;
  labelZh: string;
  projection: 'flat' | '360-mono';
  width: number;
  height: number;
  /** ffmpeg input arguments of the picture (before the clock, label and stamp are drawn). */
  input: string[];
  /** Filters from the input to the picture (may be empty). */
  picture: string;
  maxrate: string;
  tone: boolean;
}

/** The stamp's place: bottom left, blocks 1/20 of the width (square on 16:9), clear of the clock. */
function stampFor(width: number, height: number): FrameStamp {
  const block = Math.round(width / 20 / 2) * 2;
  return { x: block / 2 / width, y: (height - block * 1.5) / height, blockW: block / width, blockH: block / height, bits: STAMP_BITS };
}

/** drawbox filters of the stamp: a black strip, the white reference block, one block per set bit. */
function stampFilters(width: number, height: number): string[] {
  const s = stampFor(width, height);
  const x0 = Math.round(s.x * width);
  const y0 = Math.round(s.y * height);
  const b = Math.round(s.blockW * width);
  const pad = Math.round(b / 4);
  const out = [`drawbox=x=${x0 - pad}:y=${y0 - pad}:w=${(STAMP_BITS + 1) * b + 2 * pad}:h=${b + 2 * pad}:color=black:t=fill`];
  out.push(`drawbox=x=${x0}:y=${y0}:w=${b}:h=${b}:color=white:t=fill`);
  for (let k = 0; k < STAMP_BITS; k++) {
    out.push(`drawbox=x=${x0 + (k + 1) * b}:y=${y0}:w=${b}:h=${b}:color=white:t=fill:enable='mod(floor(n/${2 ** k}),2)'`);
  }
  return out;
}

/** The clock (loop time from the frame number, exact at any fps), the label, the stamp. */
function overlays(a: AngleSpec): string {
  const size = Math.round(a.height / (a.projection === 'flat' ? 5 : 8));
  const box = `box=1:boxcolor=black@0.6:boxborderw=${Math.round(size / 6)}`;
  const clock = `drawtext=fontfile=${FONT}:fontsize=${size}:fontcolor=white:${box}:x=(w-tw)/2:y=(h-th)/2:text='%{eif\\:floor(n/${FPS})\\:d\\:2}.%{eif\\:mod(n\\,${FPS})*${1000 / FPS}\\:d\\:3}'`;
  const label = `drawtext=fontfile=${FONT}:fontsize=${Math.round(size * 0.6)}:fontcolor=white:${box}:x=${Math.round(size / 3)}:y=${Math.round(size / 3)}:text='${a.label.toUpperCase()}'`;
  return [clock, label, ...stampFilters(a.width, a.height)].join(',');
}

/** The 360° angle's picture (`still` drawn once, `moving` on every frame): sky above the horizon, ground below, a line every 30° of yaw and 15° of pitch. */
function gridPicture(w: number, h: number): { still: string; moving: string } {
  const lon = w / 12;
  const lat = h / 12;
  const line = `lt(mod(X,${lon}),3)+lt(mod(Y,${lat}),3)+lt(abs(Y-${h / 2}),4)`;
  const r = `if(${line},240,if(lt(Y,${h / 2}),60+Y*80/${h},40))`;
  const g = `if(${line},240,if(lt(Y,${h / 2}),120+Y*100/${h},90+(Y-${h / 2})*60/${h}))`;
  const b = `if(${line},240,if(lt(Y,${h / 2}),220,40))`;
  const labels = [
    [0, 'BACK 180'],
    [0.25, 'LEFT -90'],
    [0.5, 'FRONT 0'],
    [0.75, 'RIGHT 90'],
  ]
    .map(([at, text]) => `drawtext=fontfile=${FONT}:fontsize=${Math.round(h / 14)}:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=8:x=${Math.round(Number(at) * w + w / 48)}:y=${Math.round(h / 2 + h / 12)}:text='${text}'`)
    .join(',');
  // A red marker circles the horizon once a loop, so the picture visibly moves.
  const marker = `drawbox=x='mod(t*${w / LOOP_SECONDS},${w})':y=${h / 2 + 12}:w=${Math.round(w / 40)}:h=${Math.round(w / 40)}:color=red:t=fill`;
  return { still: `format=rgb24,geq=r='${r}':g='${g}':b='${b}',${labels}`, moving: marker };
}

const FLAT = { width: 640, height: 360 };
const WINDOW = { width: 854, height: 480 };
const SPHERE = { width: 1920, height: 960 };
const livingJpg = path.join(repoRoot, 'assets', 'demo', 'flat', 'living.jpg');
const duration = String(LOOP_SECONDS);
const lavfi = (graph: string) => ['-f', 'lavfi', '-i', graph];
const tmpDir = path.join(OUT, '.tmp');
const sphereGrid = gridPicture(SPHERE.width, SPHERE.height);
const sphereStill = path.join(tmpDir, 'sphere.png');

const ANGLES: Array<AngleSpec & { show: string }> = [
  { show: 'demo-show', id: 'stage', label: 'Stage', labelZh: '舞台', projection: 'flat', ...FLAT, input: lavfi(`testsrc2=s=${FLAT.width}x${FLAT.height}:r=${FPS}:d=${duration}`), picture: '', maxrate: '260k', tone: true },
  { show: 'demo-show', id: 'left', label: 'Left', labelZh: '左侧', projection: 'flat', ...FLAT, input: lavfi(`testsrc=s=${FLAT.width}x${FLAT.height}:r=${FPS}:d=${duration}`), picture: 'hue=h=140:s=0.8', maxrate: '220k', tone: false },
  { show: 'demo-show', id: 'wide', label: 'Wide', labelZh: '全景', projection: 'flat', ...FLAT, input: lavfi(`gradients=s=${FLAT.width}x${FLAT.height}:r=${FPS}:d=${duration}:speed=0.02:c0=0x203060:c1=0xd08030:c2=0x30a060:n=3`), picture: '', maxrate: '200k', tone: false },
  { show: 'demo-show', id: 'sphere', label: '360', labelZh: '360° 全景', projection: '360-mono', ...SPHERE, input: ['-loop', '1', '-framerate', String(FPS), '-t', duration, '-i', sphereStill], picture: sphereGrid.moving, maxrate: '600k', tone: false },
  {
    show: 'demo-window',
    id: 'window',
    label: 'Window',
    labelZh: '窗景',
    projection: 'flat',
    ...WINDOW,
    // The living room's south window (the seam of its equirect, yaw 180) seen through a 100° lens,
    // then a slow pan there and back, once a loop, so the loop's end meets its start.
    input: ['-loop', '1', '-framerate', String(FPS), '-t', duration, '-i', livingJpg],
    picture: `v360=e:flat:yaw=180:pitch=-4:h_fov=100:v_fov=62:w=1600:h=900,crop=w=1280:h=720:x='160+160*sin(2*PI*n/${LOOP_SECONDS * FPS})':y=90,scale=${WINDOW.width}:${WINDOW.height},format=yuv420p`,
    maxrate: '350k',
    tone: false,
  },
];

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', (e) => reject(new Error(`Vantage: ffmpeg could not start (${e.message}) — install it (apt-get install ffmpeg)`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Vantage: ffmpeg failed (exit ${code}):\n${err}`))));
  });
}

async function renderAngle(a: AngleSpec): Promise<void> {
  const dir = path.join(OUT, a.id);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const audio = a.tone ? `sine=f=440:beep_factor=4:sample_rate=48000:d=${duration}` : `anullsrc=r=48000:cl=stereo:d=${duration}`;
  const vf = [a.picture, overlays(a), 'format=yuv420p'].filter(Boolean).join(',');
  const gop = SEGMENT_SECONDS * FPS;
  await run([
    '-y', '-hide_banner', '-v', 'error',
    ...a.input,
    ...lavfi(audio),
    '-map', '0:v', '-map', '1:a',
    '-vf', vf,
    '-t', duration,
    // No B-frames: each segment's first picture is shown at the segment's start (its program-date-time), not two frames later.
    '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'slow', '-bf', '0', '-crf', '30', '-maxrate', a.maxrate, '-bufsize', a.maxrate.replace('k', '') + 'k',
    // A keyframe exactly at each segment boundary, none elsewhere: every angle cuts at the same frames.
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-c:a', 'aac', '-b:a', a.tone ? '64k' : '24k', '-ac', '2', '-ar', '48000',
    '-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_list_size', '0', '-hls_playlist_type', 'vod',
    '-hls_segment_filename', path.join(dir, 'seg-%d.ts'),
    path.join(dir, 'loop.m3u8'),
  ]);
  // The server writes its own live playlist; the VOD one was only the muxer's by-product.
  await rm(path.join(dir, 'loop.m3u8'));
  // A still for the catalogue and for before the video plays: a picture from the loop's middle.
  await run(['-y', '-hide_banner', '-v', 'error', '-i', path.join(dir, `seg-${LOOP_SECONDS / SEGMENT_SECONDS / 2}.ts`), '-frames:v', '1', '-vf', "scale='min(iw,960)':-2", '-q:v', '5', path.join(dir, 'poster.jpg')]);
  const names = (await readdir(dir)).filter((n) => /^seg-\d+\.ts$/.test(n));
  if (names.length !== LOOP_SECONDS / SEGMENT_SECONDS) throw new Error(`Vantage: angle ${a.id} has ${names.length} segments, wanted ${LOOP_SECONDS / SEGMENT_SECONDS}`);
}

async function main() {
  await mkdir(tmpDir, { recursive: true });
  // The grid is the same on every frame: drawn once (geq is slow), then looped.
  await run(['-y', '-hide_banner', '-v', 'error', ...lavfi(`color=c=black:s=${SPHERE.width}x${SPHERE.height}`), '-vf', sphereGrid.still, '-frames:v', '1', sphereStill]);
  let bytes = 0;
  for (const a of ANGLES) {
    const started = Date.now();
    await renderAngle(a);
    const dir = path.join(OUT, a.id);
    let size = 0;
    for (const n of await readdir(dir)) size += (await stat(path.join(dir, n))).size;
    bytes += size;
    console.log(`${a.id}: ${(size / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const angle = (a: AngleSpec) => ({ id: a.id, label: a.label, labelZh: a.labelZh, projection: a.projection, offsetMs: 0, ...(a.projection !== 'flat' && { yaw: 0 }), width: a.width, height: a.height, tone: a.tone, stamp: stampFor(a.width, a.height) });
  const listing = { city: 'Hangzhou', address: '', price: null, currency: 'CNY', lat: 30.2455, lng: 120.2146, areaM2: null };
  const manifest: DemoShow = demoShowSchema.parse({
    fps: FPS,
    segmentSeconds: SEGMENT_SECONDS,
    segments: LOOP_SECONDS / SEGMENT_SECONDS,
    shows: [
      {
        place: {
          id: 'demo-show',
          kind: 'show',
          title: 'Riverside Theatre — demo show (演示演出)',
          ...listing,
          description: 'A demo multi-view show: three camera angles and a 360° angle, always live. Pick an angle, watch them all at once, or put on a headset for the 360° view. 演示多机位直播：三个机位加一个 360° 全景机位，随时在播。',
        },
        show: { status: 'live', startsAt: null, endsAt: null, slowLive: false, mainAngle: 'stage' },
        angles: ANGLES.filter((a) => a.show === 'demo-show').map(angle),
      },
      {
        place: {
          id: 'demo-window',
          kind: 'show',
          title: 'Riverside window — slow live (窗景慢直播)',
          ...listing,
          description: "The view from the demo flat's south window over the riverside park, around the clock. 演示房源南窗外的江景公园，全天慢直播。",
        },
        show: { status: 'live', startsAt: null, endsAt: null, slowLive: true, mainAngle: 'window' },
        angles: ANGLES.filter((a) => a.show === 'demo-window').map(angle),
      },
    ],
  });
  await rm(tmpDir, { recursive: true, force: true });
  await writeFile(path.join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  await writeFile(
    path.join(OUT, 'LICENCE.md'),
    '# Demo show loops\n\nGenerated by the Vantage project with `npm run demo:show` (assets/scripts/make-demo-show.ts): ffmpeg test sources\n' +
      '(testsrc, testsrc2, gradients, a sine tone) and a view of the demo flat\'s own rendered panorama (assets/demo/flat/living.jpg).\n' +
      'No third-party footage. Same licence as the project.\n',
  );
  console.log(`total ${(bytes / 1e6).toFixed(2)} MB in ${OUT}`);
}

await main();
