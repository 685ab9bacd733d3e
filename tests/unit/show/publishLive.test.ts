import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../../server/cli/openStores.ts';
import { alignedPlaylist, archivePlaylist, listedSegments, parseAngleSpecs } from '../../../server/show/publishLive.ts';
import { samplePlace, sampleShow } from '../db/samplePlace.ts';

/** `npm run live` over real ffmpeg: a few seconds of two test-pattern angles. */
const root = path.resolve(import.meta.dirname, '../../..');
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
let dataDir: string;

function runLive(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/live.ts', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const segments = (text: string) => {
  let seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)![1]);
  const out: { seq: number; pdt: string; uri: string; duration: number }[] = [];
  let pdt = '';
  let duration = 0;
  for (const l of text.split('\n')) {
    if (l.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = l.slice(25);
    else if (l.startsWith('#EXTINF:')) duration = parseFloat(l.slice(8));
    else if (l && !l.startsWith('#')) out.push({ seq: seq++, pdt, uri: l, duration });
  }
  return out;
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-live-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('npm run live', () => {
  it('needs ffmpeg', () => {
    // Not a skip: CI installs it (.ci/run), and without it the publishing tests below prove nothing.
    expect(hasFfmpeg, 'install ffmpeg (apt-get install ffmpeg)').toBe(true);
  });

  it('publishes two angles as live HLS cut at the same frames, stamped from one clock', { timeout: 60_000 }, async () => {
    const { code, out } = await runLive(['--show', 'gala', '--angle', 'Stage=testsrc', '--angle', '360:Sphere=testsrc', '--files-only', '--seconds', '7']);
    expect(code, out).toBe(0);
    const dir = path.join(dataDir, 'tiles', 'gala', '_show');
    const [stage, sphere] = await Promise.all(['stage', 'sphere'].map((a) => readFile(path.join(dir, a, 'index.m3u8'), 'utf8')));
    const a = segments(stage);
    const b = segments(sphere);
    expect(a.length).toBeGreaterThanOrEqual(3);
    // Whole segments (the last may be cut short by the stop) are the segment length, and carry the same times in both angles.
    for (const s of a.slice(0, -1)) expect(s.duration).toBeCloseTo(2, 3);
    // The last one's length depends on when each encoder saw the stop, so only its start is compared.
    expect(b.map((s) => s.pdt)).toEqual(a.map((s) => s.pdt));
    expect(b.slice(0, -1).map((s) => s.duration)).toEqual(a.slice(0, -1).map((s) => s.duration));
    for (const [i, s] of a.entries()) if (i > 0) expect(Date.parse(s.pdt) - Date.parse(a[i - 1].pdt)).toBe(2000);
    // Each segment opens with a keyframe at the same media time in both angles.
    for (const i of [0, 1]) {
      const probe = (angle: string, uri: string) =>
        execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time,flags', '-read_intervals', '%+#1', '-of', 'csv=p=0', path.join(dir, angle, uri)]).toString().trim();
      const first = probe('stage', a[i].uri);
      expect(first).toMatch(/,K/);
      expect(probe('sphere', b[i].uri)).toBe(first);
    }
    expect((await readdir(path.join(dir, 'stage'))).some((f) => /^seg-\d+\.ts$/.test(f))).toBe(true);
  });

  it('records the whole show: archive.m3u8 keeps the segments the live window dropped, VOD once stopped, stamped like the live playlist', { timeout: 60_000 }, async () => {
    const { code, out } = await runLive(['--show', 'rec', '--angle', 'Stage=testsrc', '--angle', 'Side=testsrc', '--files-only', '--seconds', '9', '--segment', '1', '--window', '3']);
    expect(code, out).toBe(0);
    const dir = path.join(dataDir, 'tiles', 'rec', '_show');
    const live = segments(await readFile(path.join(dir, 'stage', 'index.m3u8'), 'utf8'));
    const texts = await Promise.all(['stage', 'side'].map((a) => readFile(path.join(dir, a, 'archive.m3u8'), 'utf8')));
    const [stage, side] = texts.map(segments);
    expect(live.length).toBe(3);
    expect(stage.length).toBeGreaterThanOrEqual(6);
    for (const t of texts) {
      expect(t).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(t.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    }
    // The replay ends where the live playlist ended, with the same stamps, and starts seconds before it.
    expect(stage.slice(-3).map((s) => [s.pdt, s.uri])).toEqual(live.map((s) => [s.pdt, s.uri]));
    expect(side.map((s) => s.pdt)).toEqual(stage.map((s) => s.pdt));
    for (const [i, s] of stage.entries()) if (i > 0) expect(Date.parse(s.pdt) - Date.parse(stage[i - 1].pdt)).toBe(1000);
    // Every segment it names is still on disk.
    const files = new Set(await readdir(path.join(dir, 'stage')));
    for (const s of stage) expect(files.has(s.uri), s.uri).toBe(true);
  });

  it('--no-record keeps the live window only (old segments deleted, no archive)', { timeout: 60_000 }, async () => {
    const { code, out } = await runLive(['--show', 'norec', '--angle', 'Stage=testsrc', '--files-only', '--seconds', '7', '--segment', '1', '--window', '3', '--no-record']);
    expect(code, out).toBe(0);
    const files = await readdir(path.join(dataDir, 'tiles', 'norec', '_show', 'stage'));
    expect(files).not.toContain('archive.m3u8');
    expect(files.filter((f) => /^seg-\d+\.ts$/.test(f)).length).toBeLessThanOrEqual(5);
  });

  it("run again on a show the host has edited, keeps the angle's labels, offset and yaw and takes the new picture type", { timeout: 60_000 }, async () => {
    const withStores = async <T,>(f: (s: Awaited<ReturnType<typeof openStores>>) => Promise<T>): Promise<T> => {
      const was = process.env.DATA_DIR;
      process.env.DATA_DIR = dataDir;
      const stores = await openStores();
      try {
        return await f(stores);
      } finally {
        await stores.db.close();
        if (was === undefined) delete process.env.DATA_DIR;
        else process.env.DATA_DIR = was;
      }
    };
    const edited = { id: 'stage', label: 'Main stage', labelZh: '主舞台', projection: 'flat' as const, offsetMs: 320, yaw: 15, source: { kind: 'published' as const } };
    await withStores((s) => s.places.put(samplePlace('edited', { kind: 'show', scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined, show: sampleShow({ angles: [edited] }) })));
    // No server answers on port 1: the command writes to the database itself.
    const { code, out } = await runLive(['--show', 'edited', '--angle', '360:Stage=testsrc', '--angle', 'Wide=testsrc', '--api', 'http://127.0.0.1:1', '--seconds', '3']);
    expect(code, out).toBe(0);
    const angles = await withStores(async (s) => (await s.places.get('edited'))?.show?.angles);
    expect(angles?.find((a) => a.id === 'stage')).toEqual({ ...edited, projection: '360-mono' });
    expect(angles?.find((a) => a.id === 'wide')).toMatchObject({ label: 'Wide', offsetMs: 0, source: { kind: 'published' } });
  });

  it('says in one sentence when ffmpeg is missing or an input is bad', { timeout: 30_000 }, async () => {
    const missing = await runLive(['--show', 'gala', '--angle', 'Stage=testsrc', '--files-only'], { PATH: '/nonexistent' });
    expect(missing.code).toBe(1);
    expect(missing.out.trim()).toBe('Vantage: ffmpeg is not installed — install it (apt-get install ffmpeg) to publish live angles.');
    const bad = await runLive(['--show', 'gala', '--angle', 'Stage=/no/such/video.mp4', '--files-only']);
    expect(bad.code).toBe(1);
    expect(bad.out.trim()).toMatch(/^Vantage: the input "\/no\/such\/video.mp4" is neither a file nor/);
  });
});

describe('parseAngleSpecs and alignedPlaylist', () => {
  it('archivePlaylist: a second run of the publisher adds to the recording after a discontinuity; EVENT while on, VOD once stopped; read back as written', () => {
    const T = Date.UTC(2026, 11, 7, 19, 30);
    const firstRun = [0, 1, 2].map((i) => ({ seq: 100 + i, duration: '2.000000', uri: `seg-${100 + i}.ts`, pdt: T + i * 2000 }));
    const on = archivePlaylist(firstRun, false);
    expect(on).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(on).not.toContain('#EXT-X-ENDLIST');
    // Restarted a minute later: new numbers, new times; the first run's segments stay first.
    const kept = listedSegments(on).map((s) => ({ ...s, pdt: s.pdt! }));
    expect(kept).toEqual(firstRun);
    const second = [{ seq: 160, duration: '2.000000', uri: 'seg-160.ts', pdt: T + 60_000 }];
    const done = archivePlaylist([...second, ...kept], true);
    const lines = done.trim().split('\n');
    expect(lines.filter((l) => l.endsWith('.ts'))).toEqual(['seg-100.ts', 'seg-101.ts', 'seg-102.ts', 'seg-160.ts']);
    expect(lines[lines.indexOf('seg-102.ts') + 1]).toBe('#EXT-X-DISCONTINUITY');
    expect(done).toContain(`#EXT-X-PROGRAM-DATE-TIME:${new Date(T + 60_000).toISOString()}`);
    expect(done).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(lines.at(-1)).toBe('#EXT-X-ENDLIST');
  });


  it('reads labels, 360° marks and inputs; refuses clashes', () => {
    expect(parseAngleSpecs(['Stage=rtmp://0.0.0.0:1935/live/a', '360:Crowd cam=srt://0.0.0.0:9000?mode=listener'])).toEqual([
      { id: 'stage', label: 'Stage', projection: 'flat', input: 'rtmp://0.0.0.0:1935/live/a' },
      { id: 'crowd-cam', label: 'Crowd cam', projection: '360-mono', input: 'srt://0.0.0.0:9000?mode=listener' },
    ]);
    expect(() => parseAngleSpecs(['Stage=a', 'stage=b'])).toThrow(/both be "stage"/);
    expect(() => parseAngleSpecs(['no-input'])).toThrow(/"<label>=<input>"/);
    expect(() => parseAngleSpecs([])).toThrow(/at least one angle/);
  });

  it('stamps segment k with t0 + (k − first) × segment length, whatever ffmpeg wrote', () => {
    const stream = '#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:12\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.013+0000\n#EXTINF:2.000000,\nseg-12.ts\n#EXTINF:2.000000,\nseg-13.ts\n';
    const t0 = Date.parse('2026-01-01T00:00:00.000Z');
    const text = alignedPlaylist(stream, t0, 10, 2)!;
    expect(text.match(/PROGRAM-DATE-TIME:\S+/g)).toEqual(['PROGRAM-DATE-TIME:2026-01-01T00:00:04.000Z', 'PROGRAM-DATE-TIME:2026-01-01T00:00:06.000Z']);
    expect(alignedPlaylist('#EXTM3U\n', t0, 0, 2)).toBeNull();
  });
});
