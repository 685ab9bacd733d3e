/** One measured run for ingest.bench.ts, in its own process so peak RSS is this photo's alone. */
import sharp from 'sharp';
import { tileEquirect } from '../../server/ingest/tileEquirect.ts';
import { DEFAULT_TILE_ENCODING } from '../../server/ingest/tileEncodingFromEnv.ts';

const [mode, file, out] = process.argv.slice(2);
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
const t0 = performance.now();
// 'tile': what an upload gets (AVIF + JPEG copies); 'tile-jpg': JPEG only, as before AVIF.
if (mode === 'tile') await tileEquirect(file, out, DEFAULT_TILE_ENCODING);
else if (mode === 'tile-jpg') await tileEquirect(file, out, { format: 'jpg' });
else await sharp(file, { limitInputPixels: false }).jpeg({ quality: 82 }).toFile(`${out}.jpg`);
const ms = performance.now() - t0;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage.rss());
console.log(JSON.stringify({ ms, peakMb: peak / 1048576 }));
