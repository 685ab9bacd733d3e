/**
 * `npm run live -- --show <place id> --angle "<label>=<input>" [--angle ...] [--segment 2] [--fps 25]
 *   [--window 6] [--bitrate 3000k] [--api http://127.0.0.1:8080] [--files-only] [--seconds N] [--no-record]`
 *
 * Publishes several camera inputs as time-aligned live HLS into the asset store
 * (`<tilesDir>/<show>/_show/<angle>/index.m3u8`, served at /tiles/… or by ASSET_BASE_URL's CDN)
 * and makes those angles the show's (source 'published'). Inputs: `rtmp://0.0.0.0:1935/live/<key>`
 * (ffmpeg listens; the venue's encoder pushes there), `srt://0.0.0.0:9000?mode=listener`, an
 * http(s) playlist or stream to pull, a video file (looped: slow live), or `testsrc`.
 * `360:<label>` marks a 360° camera (`360tb:` stereo top-bottom). Ctrl-C stops publishing.
 * Every segment is kept and listed in `archive.m3u8` beside the live playlist: the show's
 * replay (the host sets the status to Replay after the end); `--no-record` keeps the window only.
 *
 * The show's angles are saved through the running server's host API (the embedded database is
 * the server's alone while it runs), or straight into the database when no server answers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTokenSigner } from '../auth/createTokenSigner.ts';
import { loadAuthSecret } from '../auth/loadAuthSecret.ts';
import { loadConfig, type Config } from '../config.ts';
import type { AngleRecord } from '../places/placeRecord.ts';
import { checkFfmpeg, publishLive, parseAngleSpecs, type AngleSpec } from '../show/publishLive.ts';
import { failCli, openStores, ROOT_DIR } from './openStores.ts';

const PLACE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The angle as this command publishes it. An angle the show already has keeps what the host
 * set in the console — its labels, offset and opening yaw — and takes this command's picture
 * type and source: running `npm run live` again must not undo the host's work.
 */
const record = (a: AngleSpec, had?: Pick<AngleRecord, 'label' | 'labelZh' | 'offsetMs' | 'yaw'>): AngleRecord => ({
  id: a.id,
  label: had?.label ?? a.label,
  ...(had?.labelZh !== undefined && { labelZh: had.labelZh }),
  projection: a.projection,
  offsetMs: had?.offsetMs ?? 0,
  ...(had?.yaw !== undefined && { yaw: had.yaw }),
  source: { kind: 'published' },
});

/** Saves the angles through the running server's host API; false when no server answers there. */
async function registerByApi(config: Config, api: string, showId: string, angles: AngleSpec[]): Promise<boolean> {
  let token = process.env.VANTAGE_HOST_TOKEN;
  if (!token) {
    // As `npm run host-token` does: the first host's id is on disk, the secret too.
    const saved = await readFile(path.join(config.dataDir, 'host-credentials.json'), 'utf8').then((t) => JSON.parse(t) as { id: string }, () => null);
    if (!saved) return false;
    token = createTokenSigner(await loadAuthSecret(process.env, config.dataDir)).sign(saved.id, 3600).token;
  }
  const call = async (method: string, url: string, body: unknown) => {
    const res = await fetch(`${api}/api/host/places/${showId}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) {
      const err = (await res.json().catch(() => ({}))) as { message?: string };
      throw new Error(`Vantage: the server refused the show's angles (${res.status}): ${err.message ?? res.statusText}`);
    }
    return (await res.json().catch(() => null)) as { angles?: AngleRecord[] } | null;
  };
  try {
    await fetch(`${api}/api/health`);
  } catch {
    return false;
  }
  // Creates the show when the place has none yet (a show place's status and schedule stay as they are).
  const show = await call('PUT', '/show', {});
  for (const a of angles) await call('PUT', `/show/angles/${a.id}`, record(a, show?.angles?.find((x) => x.id === a.id)));
  return true;
}

/** Saves the angles straight into the database (the server is not running, or runs on Postgres). */
async function registerInDb(showId: string, angles: AngleSpec[]): Promise<void> {
  const { db, places } = await openStores();
  try {
    const saved = await places.update(showId, (p) => {
      if (p.kind !== 'show') throw new Error(`Vantage: the place "${showId}" is not a show — set its kind to show in the host console first.`);
      const show = p.show ?? { status: 'upcoming' as const, startsAt: null, endsAt: null, slowLive: false, angles: [] };
      const ids = new Set(angles.map((a) => a.id));
      const had = new Map(show.angles.map((a) => [a.id, a]));
      return { ...p, show: { ...show, angles: [...show.angles.filter((a) => !ids.has(a.id)), ...angles.map((a) => record(a, had.get(a.id)))] } };
    });
    if (!saved) throw new Error(`Vantage: there is no place "${showId}" — create the show in the host console (kind show) first.`);
  } finally {
    await db.close();
  }
}

try {
  const { values } = parseArgs({
    options: {
      show: { type: 'string' },
      angle: { type: 'string', multiple: true, default: [] },
      segment: { type: 'string', default: '2' },
      fps: { type: 'string', default: '25' },
      window: { type: 'string', default: '6' },
      bitrate: { type: 'string', default: '3000k' },
      api: { type: 'string' },
      'files-only': { type: 'boolean', default: false },
      seconds: { type: 'string' },
      // Keep only the live window (no replay).
      'no-record': { type: 'boolean', default: false },
    },
  });
  const showId = values.show ?? '';
  if (!PLACE_ID.test(showId)) throw new Error('Vantage: give the show with --show <place id> (a place of kind show, lower-case letters, digits and dashes).');
  const angles = parseAngleSpecs(values.angle ?? []);
  const segmentSeconds = Number(values.segment);
  const fps = Number(values.fps);
  const window = Number(values.window);
  if (!(segmentSeconds >= 1 && segmentSeconds <= 10)) throw new Error('Vantage: --segment must be 1–10 seconds.');
  if (!Number.isInteger(fps) || fps < 10 || fps > 60 || !Number.isInteger(segmentSeconds * fps)) throw new Error('Vantage: --fps must be 10–60 and a whole number of frames per segment.');
  if (!Number.isInteger(window) || window < 3 || window > 60) throw new Error('Vantage: --window must be 3–60 segments.');
  if (!/^\d{2,6}k$/.test(values.bitrate!)) throw new Error('Vantage: --bitrate is like 3000k.');
  const config = loadConfig(process.env, ROOT_DIR);
  checkFfmpeg();

  if (!values['files-only']) {
    const api = values.api ?? `http://127.0.0.1:${config.port}`;
    if (await registerByApi(config, api, showId, angles)) console.log(`Vantage: the show "${showId}" now plays ${angles.map((a) => a.id).join(', ')} (saved through ${api})`);
    else {
      await registerInDb(showId, angles);
      console.log(`Vantage: the show "${showId}" now plays ${angles.map((a) => a.id).join(', ')} (saved in the database)`);
    }
  }

  const showDir = path.join(config.tilesDir, showId, '_show');
  const live = await publishLive({ angles, showDir, segmentSeconds, fps, window, bitrate: values.bitrate!, record: !values['no-record'], log: (l) => console.log(l) });
  for (const a of angles) console.log(`  ${a.label} (${a.projection}): ${a.input} → ${path.join(showDir, a.id, 'index.m3u8')}`);
  process.on('SIGINT', () => live.stop());
  process.on('SIGTERM', () => live.stop());
  if (values.seconds) setTimeout(() => live.stop(), Number(values.seconds) * 1000).unref();
  await live.done;
  console.log('Vantage: stopped publishing.');
} catch (e) {
  failCli(e);
}
