import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { PlaceStore } from '../places/PlaceStore.ts';
import { placeRecordSchema, type AngleRecord, type PlaceRecord } from '../places/placeRecord.ts';
import { demoShowSchema } from './demoShowSchema.ts';

/** Copies `from` over `to` unless `to` already holds the same bytes; written beside and renamed, so a crash never leaves half a segment. */
async function copyIfChanged(from: string, to: string): Promise<boolean> {
  const [a, b] = await Promise.all([readFile(from), readFile(to).catch(() => null)]);
  if (b && a.equals(b)) return false;
  const tmp = `${to}.tmp-${process.pid}`;
  await copyFile(from, tmp);
  await rename(tmp, to);
  return true;
}

/**
 * Makes sure the demo shows of `sourceDir` (assets/demo/show: manifest.json and each angle's
 * loop, see `npm run demo:show`) are stored and published: each angle's segments copied to
 * `<tilesDir>/<place>/_show/<angle>/loop/` (only what changed), each place a show whose angles
 * are loops, so the server serves them live from its own clock (GET /live/…) with no ffmpeg.
 * What a host changed is kept: publication, status and schedule, labels and offsets of the
 * demo's angles, and angles they added. Returns the records as stored.
 */
export async function ensureDemoShow(opts: { sourceDir: string; places: PlaceStore; tilesDir: string; hostId?: string; log?: (line: string) => void }): Promise<PlaceRecord[]> {
  const log = opts.log ?? (() => {});
  const manifest = demoShowSchema.parse(JSON.parse(await readFile(path.join(opts.sourceDir, 'manifest.json'), 'utf8')));
  const loop = { kind: 'loop' as const, segmentSeconds: manifest.segmentSeconds, segments: manifest.segments };
  const stored: PlaceRecord[] = [];
  for (const demo of manifest.shows) {
    const placeId = demo.place.id;
    let copied = 0;
    for (const a of demo.angles) {
      const dir = path.join(opts.tilesDir, placeId, '_show', a.id, 'loop');
      await mkdir(dir, { recursive: true });
      for (let n = 0; n < manifest.segments; n++) {
        if (await copyIfChanged(path.join(opts.sourceDir, a.id, `seg-${n}.ts`), path.join(dir, `seg-${n}.ts`))) copied++;
      }
      if (await copyIfChanged(path.join(opts.sourceDir, a.id, 'poster.jpg'), path.join(dir, 'poster.jpg'))) copied++;
      // A loop that once had more segments must not serve stale ones past its end.
      for (const name of await readdir(dir)) {
        const n = /^seg-(\d+)\.ts$/.exec(name);
        if (n && Number(n[1]) >= manifest.segments) await rm(path.join(dir, name), { force: true });
      }
    }
    if (copied) log(`Vantage: copied ${copied} demo show segment(s) of "${demo.place.title}" to the asset store`);

    const existing = await opts.places.get(placeId);
    const before = existing?.show;
    const angles: AngleRecord[] = demo.angles.map((a) => {
      const kept = before?.angles.find((x) => x.id === a.id);
      return {
        id: a.id,
        label: kept?.label ?? a.label,
        ...((kept?.labelZh ?? a.labelZh) !== undefined && { labelZh: kept?.labelZh ?? a.labelZh }),
        projection: a.projection,
        offsetMs: kept?.offsetMs ?? a.offsetMs,
        ...((kept?.yaw ?? a.yaw) !== undefined && { yaw: kept?.yaw ?? a.yaw }),
        source: loop,
      };
    });
    const demoIds = new Set(angles.map((a) => a.id));
    for (const a of before?.angles ?? []) if (!demoIds.has(a.id)) angles.push(a);
    const record = placeRecordSchema.parse({
      ...demo.place,
      hostId: existing?.hostId ?? opts.hostId,
      published: existing?.published ?? true,
      startScene: existing?.startScene ?? '',
      scenes: existing?.scenes ?? [],
      show: {
        status: before?.status ?? demo.show.status,
        startsAt: before ? before.startsAt : demo.show.startsAt,
        endsAt: before ? before.endsAt : demo.show.endsAt,
        slowLive: demo.show.slowLive,
        ...((before?.mainAngle ?? demo.show.mainAngle) && { mainAngle: before?.mainAngle ?? demo.show.mainAngle }),
        angles,
      },
    });
    if (!record.hostId) delete record.hostId;
    // Compared as values: a start that changes nothing writes nothing.
    if (!isDeepStrictEqual(existing, record)) {
      await opts.places.put(record);
      log(`Vantage: ${existing ? 'updated' : 'published'} the demo show "${record.title}" (${angles.length} angle(s), live from the server's clock)`);
    }
    stored.push(record);
  }
  return stored;
}
