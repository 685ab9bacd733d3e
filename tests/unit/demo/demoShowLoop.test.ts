import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoShowSchema, readFrameStamp } from '../../../server/demo/demoShowSchema.ts';

/**
 * The committed demo loops are frame-aligned: every angle's segment n opens with a keyframe on
 * loop frame n × fps × segmentSeconds (read from the picture's stamp, as a browser test would),
 * and holds exactly that many frames.
 */
const dir = path.resolve(import.meta.dirname, '../../../assets/demo/show');
const manifest = demoShowSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const perSegment = manifest.fps * manifest.segmentSeconds;

/** The stamp of frame `index` of a segment, read from its grey pixels at the block centres. */
function stampOf(file: string, index: number, width: number, height: number, stamp: (typeof manifest.shows)[0]['angles'][0]['stamp']): number | null {
  const grey = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${index})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 64 << 20 });
  const luma: number[] = [];
  for (let k = 0; k <= stamp.bits; k++) {
    const x = Math.round((stamp.x + (k + 0.5) * stamp.blockW) * width);
    const y = Math.round((stamp.y + stamp.blockH / 2) * height);
    luma.push(grey[y * width + x]);
  }
  return readFrameStamp(luma);
}

describe('demo show loops', () => {
  it('needs ffmpeg to check them', () => {
    expect(hasFfmpeg, 'install ffmpeg (apt-get install ffmpeg)').toBe(true);
  });

  for (const show of manifest.shows) {
    for (const a of show.angles) {
      it(`${show.place.id}/${a.id}: each segment opens with a keyframe on the same loop frame as every other angle`, { timeout: 60_000 }, () => {
        for (const n of [0, 1, manifest.segments - 1]) {
          const file = path.join(dir, a.id, `seg-${n}.ts`);
          const frames = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=flags', '-of', 'csv=p=0', file]).toString().trim().split('\n').filter(Boolean);
          expect(frames).toHaveLength(perSegment);
          expect(frames[0]).toMatch(/^K/);
          expect(frames.slice(1).some((f) => f.startsWith('K'))).toBe(false);
          expect(stampOf(file, 0, a.width, a.height, a.stamp)).toBe(n * perSegment);
          expect(stampOf(file, perSegment - 1, a.width, a.height, a.stamp)).toBe((n + 1) * perSegment - 1);
        }
      });
    }
  }
});
