/**
 * npm run bench:ingest — seconds and peak RSS to tile 4096, 8192 and 16384 px wide
 * equirects (made from the real jfk-terminal.jpg, upscaled), each in a fresh process so
 * the RSS is that photo's alone. Baseline in the same run: sharp merely decoding and
 * re-encoding the same photo once (the floor any tiler pays).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ROOT } from '../support/startVantage.ts';

const SOURCE = path.resolve(ROOT, 'tests/fixtures/jfk-terminal.jpg');
if (!existsSync(SOURCE)) throw new Error(`Vantage bench: ${SOURCE} is missing (tests/fixtures).`);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-bench-ingest-'));
sharp.cache(false);

const script = path.join(ROOT, 'tests/bench/ingestChild.ts');

function run(mode: 'tile' | 'tile-jpg' | 'decode', file: string): { ms: number; peakMb: number } {
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const res = execFileSync(process.execPath, ['--import', 'tsx', script, mode, file, out], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(res.trim().split('\n').at(-1)!);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  console.log(`\nVantage ingest benchmark — ${RUNS} runs each, medians (fresh process per run)`);
  console.log('width     file MB   tile s (AVIF+JPEG)   JPEG only s   peak RSS MB   decode+encode s (baseline)   ratio');
  for (const width of [4096, 8192, 16384]) {
    const file = path.join(dir, `pano-${width}.jpg`);
    await sharp(SOURCE, { limitInputPixels: false }).resize(width, width / 2, { kernel: 'lanczos3' }).sharpen().jpeg({ quality: 88 }).toFile(file);
    const size = (await stat(file)).size;
    const tiles = Array.from({ length: RUNS }, () => run('tile', file));
    const jpg = Array.from({ length: RUNS }, () => run('tile-jpg', file));
    const base = Array.from({ length: RUNS }, () => run('decode', file));
    const t = median(tiles.map((r) => r.ms)) / 1000;
    const tj = median(jpg.map((r) => r.ms)) / 1000;
    const b = median(base.map((r) => r.ms)) / 1000;
    console.log(
      `${String(width).padEnd(8)} ${(size / 1048576).toFixed(1).padStart(8)} ${t.toFixed(2).padStart(20)} ${tj.toFixed(2).padStart(13)} ${median(tiles.map((r) => r.peakMb)).toFixed(0).padStart(13)} ${b.toFixed(2).padStart(28)} ${(t / b).toFixed(2).padStart(7)}×`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
