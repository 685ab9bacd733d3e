import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { slugify } from '../places/slugify.ts';
import type { AngleProjection } from '../protocol/index.ts';

/** One `--angle "<label>=<input>"`: `360:` or `360tb:` before the label marks a 360° camera. */
export interface AngleSpec {
  id: string;
  label: string;
  projection: AngleProjection;
  input: string;
}

const PROJECTIONS: Record<string, AngleProjection> = { '360': '360-mono', '360tb': '360-stereo-tb' };

/** Parses the `--angle` values; ids are made from the labels and must differ. */
export function parseAngleSpecs(values: readonly string[]): AngleSpec[] {
  if (values.length === 0) throw new Error('Vantage: name at least one angle: --angle "<label>=<input>" (input: rtmp://0.0.0.0:1935/live/<key>, srt://0.0.0.0:9000?mode=listener, a video file, or testsrc).');
  const specs = values.map((v, i): AngleSpec => {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new Error(`Vantage: --angle "${v}" is not "<label>=<input>" (e.g. --angle "Stage=rtmp://0.0.0.0:1935/live/stage").`);
    let label = v.slice(0, eq).trim();
    let projection: AngleProjection = 'flat';
    const colon = label.indexOf(':');
    if (colon > 0 && PROJECTIONS[label.slice(0, colon)]) {
      projection = PROJECTIONS[label.slice(0, colon)];
      label = label.slice(colon + 1).trim();
    }
    if (!label || label.length > 60) throw new Error(`Vantage: --angle "${v}" needs a label of 1–60 characters before "=".`);
    return { id: slugify(label, `angle-${i + 1}`), label, projection, input: v.slice(eq + 1).trim() };
  });
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.id)) throw new Error(`Vantage: two angles would both be "${s.id}"; give them different labels.`);
    seen.add(s.id);
  }
  return specs;
}

/** ffmpeg's input arguments for one angle: a listening RTMP/SRT server, a pulled URL, a looped file, or a test pattern with a tone. */
export function inputArgs(input: string, fps: number): string[] {
  if (input === 'testsrc') return ['-re', '-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=${fps}[out0];sine=f=440:beep_factor=4:sample_rate=48000[out1]`];
  // ffmpeg is the RTMP server: the venue's encoder (OBS, a hardware encoder) pushes to this address.
  if (input.startsWith('rtmp://')) return ['-listen', '1', '-i', input];
  if (input.startsWith('srt://') || input.startsWith('https://') || input.startsWith('http://')) return ['-i', input];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) throw new Error(`Vantage: the input "${input}" is not supported — use rtmp://, srt://, http(s)://, a video file or testsrc.`);
  if (!existsSync(input)) throw new Error(`Vantage: the input "${input}" is neither a file nor rtmp://, srt://, http(s):// nor testsrc.`);
  // Slow live: a recording looped forever at its own pace.
  return ['-stream_loop', '-1', '-re', '-i', input];
}

export interface PublishOptions {
  angles: AngleSpec[];
  /** `<tilesDir>/<placeId>/_show/<angle>/`: what the server (or a CDN) serves. */
  showDir: string;
  segmentSeconds: number;
  fps: number;
  /** Segments kept in each playlist (older ones are deleted). */
  window: number;
  /** Video bitrate per angle, e.g. '3000k'. */
  bitrate: string;
  /**
   * Keep every segment and list them all in `archive.m3u8` (an EVENT playlist while live, VOD
   * once stopped): the show's replay. Off: old segments are deleted as the window moves.
   */
  record?: boolean;
  ffmpeg?: string;
  log?: (line: string) => void;
}

const NO_FFMPEG = 'Vantage: ffmpeg is not installed — install it (apt-get install ffmpeg) to publish live angles.';

/** Throws the one sentence that says so when ffmpeg cannot be run (checked before anything is saved). */
export function checkFfmpeg(ffmpeg = 'ffmpeg'): void {
  const r = spawnSync(ffmpeg, ['-version'], { stdio: 'ignore' });
  if (r.error || r.status !== 0) throw new Error(NO_FFMPEG);
}

/** All angles in one ffmpeg: one clock, one start, the same frames cut into segments everywhere. */
export function ffmpegArgs(o: PublishOptions): string[] {
  const gop = Math.round(o.segmentSeconds * o.fps);
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin'];
  for (const a of o.angles) args.push(...inputArgs(a.input, o.fps));
  o.angles.forEach((a, i) => {
    const dir = path.join(o.showDir, a.id);
    args.push(
      '-map', `${i}:v:0`, '-map', `${i}:a:0?`,
      // A constant frame rate makes every segment exactly gop frames long.
      '-vf', `fps=${o.fps},format=yuv420p`,
      // No B-frames: a segment's first picture is shown at its program-date-time, not frames later.
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-bf', '0', '-b:v', o.bitrate, '-maxrate', o.bitrate, '-bufsize', o.bitrate,
      '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-force_key_frames', `expr:gte(t,n_forced*${o.segmentSeconds})`,
      '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
      '-f', 'hls', '-hls_time', String(o.segmentSeconds), '-hls_list_size', String(o.window),
      '-hls_flags', `${o.record === false ? 'delete_segments+' : ''}program_date_time+independent_segments+temp_file`,
      // Sequence numbers from the epoch: a restart never goes back to 0 under a player.
      '-hls_start_number_source', 'epoch',
      '-hls_segment_filename', path.join(dir, 'seg-%d.ts'),
      path.join(dir, 'stream.m3u8'),
    );
  });
  return args;
}

/**
 * ffmpeg stamps each output's playlist from the moment that output started (outputs of one
 * process start milliseconds apart). The published playlist takes its times from one clock
 * instead: segment k of every angle starts at `t0 + (k - first) × segment length`, where
 * `first` is that angle's first sequence number. Returns null until ffmpeg has written a segment.
 */
export function alignedPlaylist(stream: string, t0: number, first: number, segmentSeconds: number): string | null {
  const seq = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(stream);
  if (!seq) return null;
  let k = Number(seq[1]);
  const out: string[] = [];
  for (const line of stream.split('\n')) {
    if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) continue;
    if (line.startsWith('#EXTINF:')) out.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(t0 + (k - first) * segmentSeconds * 1000).toISOString()}`);
    if (line && !line.startsWith('#')) k++;
    out.push(line);
  }
  return out.join('\n');
}

/** One segment of an angle's recording, as ffmpeg listed it. */
export interface ListedSegment {
  seq: number;
  /** The EXTINF duration as ffmpeg wrote it (kept as text: no rounding between the two playlists). */
  duration: string;
  uri: string;
}

/** A recorded segment with the program date it was published with. */
export interface ArchivedSegment extends ListedSegment {
  pdt: number;
}

/** The segments a media playlist lists, with their sequence numbers (and program dates, where it has them). */
export function listedSegments(stream: string): (ListedSegment & { pdt?: number })[] {
  const seq = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(stream);
  if (!seq) return [];
  let k = Number(seq[1]);
  let duration: string | null = null;
  let pdt: number | undefined;
  const out: (ListedSegment & { pdt?: number })[] = [];
  for (const line of stream.split('\n')) {
    if (line.startsWith('#EXTINF:')) duration = line.slice(8).split(',')[0];
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(line.slice(25));
    else if (line && !line.startsWith('#')) {
      if (duration !== null) out.push({ seq: k, duration, uri: line.trim(), ...(pdt !== undefined && Number.isFinite(pdt) && { pdt }) });
      duration = null;
      pdt = undefined;
      k++;
    }
  }
  return out;
}

/**
 * The replay's playlist: every segment recorded so far with the program date it was published
 * with (alignedPlaylist's clock), an EVENT playlist while the show is on and VOD with ENDLIST
 * once it has stopped, so a player offers the whole show from its first picture. A gap in the
 * numbers (a restart of the publisher, a segment it never saw) is marked as a discontinuity.
 */
export function archivePlaylist(segments: readonly ArchivedSegment[], ended: boolean): string {
  const sorted = [...segments].sort((a, b) => a.seq - b.seq);
  const target = Math.max(1, ...sorted.map((s) => Math.ceil(Number(s.duration) || 0)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-PLAYLIST-TYPE:${ended ? 'VOD' : 'EVENT'}`, '#EXT-X-INDEPENDENT-SEGMENTS', `#EXT-X-MEDIA-SEQUENCE:${sorted[0]?.seq ?? 0}`];
  let prev: number | null = null;
  for (const s of sorted) {
    if (prev !== null && s.seq !== prev + 1) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(s.pdt).toISOString()}`, `#EXTINF:${s.duration},`, s.uri);
    prev = s.seq;
  }
  if (ended) lines.push('#EXT-X-ENDLIST');
  return lines.join('\n') + '\n';
}

/** Writes beside and renames: a player never reads half a playlist. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

/**
 * Runs ffmpeg over every angle and keeps each angle's `index.m3u8` aligned on one clock
 * (alignedPlaylist) until stopped. `stop()` ends ffmpeg gently (its playlists get ENDLIST);
 * `done` settles when it has exited, rejecting with one sentence when it failed.
 */
export async function publishLive(o: PublishOptions): Promise<{ stop(): void; done: Promise<void> }> {
  const log = o.log ?? (() => {});
  for (const a of o.angles) await mkdir(path.join(o.showDir, a.id), { recursive: true });
  const args = ffmpegArgs(o);
  const child: ChildProcess = spawn(o.ffmpeg ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));

  // The clock: the first segment's start as ffmpeg stamped it on the first angle; each angle's first sequence number.
  let t0: number | null = null;
  const first = new Map<string, number>();
  const written = new Map<string, string>();
  // Every segment each angle has listed (the recording), and what was last written of it.
  const archive = new Map<string, Map<number, ArchivedSegment>>(o.angles.map((a) => [a.id, new Map()]));
  // A second run of the publisher (an encoder dropped, ffmpeg was restarted) adds to the recording, never replaces it.
  if (o.record !== false)
    for (const a of o.angles) {
      const before = await readFile(path.join(o.showDir, a.id, 'archive.m3u8'), 'utf8').catch(() => '');
      for (const seg of listedSegments(before)) if (seg.pdt !== undefined) archive.get(a.id)!.set(seg.seq, { ...seg, pdt: seg.pdt });
    }
  const archived = new Map<string, string>();
  let finished = false;
  const align = async () => {
    const streams = await Promise.all(o.angles.map((a) => readFile(path.join(o.showDir, a.id, 'stream.m3u8'), 'utf8').catch(() => '')));
    if (t0 === null) {
      const pdt = /#EXT-X-PROGRAM-DATE-TIME:(\S+)/.exec(streams[0]);
      if (!pdt) return;
      t0 = Date.parse(pdt[1].replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
      log(`Vantage: publishing ${o.angles.length} angle(s), segments of ${o.segmentSeconds} s from ${new Date(t0).toISOString()}`);
    }
    for (const [i, a] of o.angles.entries()) {
      const seq = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(streams[i]);
      if (!seq) continue;
      if (!first.has(a.id)) first.set(a.id, Number(seq[1]));
      const text = alignedPlaylist(streams[i], t0, first.get(a.id)!, o.segmentSeconds);
      if (text && written.get(a.id) !== text) {
        await writeAtomically(path.join(o.showDir, a.id, 'index.m3u8'), text);
        written.set(a.id, text);
      }
      if (o.record === false) continue;
      const kept = archive.get(a.id)!;
      const from = first.get(a.id)!;
      for (const seg of listedSegments(streams[i]))
        if (!kept.has(seg.seq)) kept.set(seg.seq, { seq: seg.seq, duration: seg.duration, uri: seg.uri, pdt: t0 + (seg.seq - from) * o.segmentSeconds * 1000 });
      if (kept.size === 0) continue;
      const replay = archivePlaylist([...kept.values()], finished);
      if (archived.get(a.id) === replay) continue;
      await writeAtomically(path.join(o.showDir, a.id, 'archive.m3u8'), replay);
      archived.set(a.id, replay);
    }
  };
  // One pass at a time: the last one (after ffmpeg exits) waits for the one under way.
  let aligning: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (aligning) return;
    aligning = align()
      .catch((e: Error) => log(`Vantage: could not write a playlist (${e.message})`))
      .finally(() => (aligning = null));
  }, 200);

  let stopping = false;
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearInterval(timer);
      reject(new Error(e.code === 'ENOENT' ? NO_FFMPEG : `Vantage: ffmpeg could not start (${e.message}).`));
    });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      // The last playlists (with ENDLIST) once ffmpeg has finished them; the recording becomes VOD.
      finished = true;
      void (aligning ?? Promise.resolve())
        .then(align)
        .catch(() => {})
        .then(() => {
          if (stopping || code === 0) return resolve();
          const last = stderr.trim().split('\n').pop() ?? '';
          reject(new Error(`Vantage: ffmpeg stopped (${signal ?? `exit ${code}`}): ${last || 'no message'} — check the --angle inputs.`));
        });
    });
  });
  return {
    stop() {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGINT');
    },
    done,
  };
}
