import { randomBytes } from 'node:crypto';
import { cp, mkdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../http/ApiError.ts';
import { crashPoint } from '../ingest/crashPoint.ts';
import { runIngestModelInWorker } from '../ingest/model/runIngestModelInWorker.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { ExhibitModel, ExhibitRecord, PlaceRecord } from '../places/placeRecord.ts';
import { slugify } from '../places/slugify.ts';
import { textForLog, type exhibitFieldsSchema } from '../protocol/index.ts';
import { exhibitRevPath } from './toPublicExhibit.ts';

/** A new exhibit's fields, checked (text rule, defaults applied); its id is made from the title. */
export type NewExhibitFields = Omit<z.output<typeof exhibitFieldsSchema>, 'id'>;

export interface StoredExhibit {
  place: PlaceRecord;
  exhibit: ExhibitRecord;
  /** False when the upload replaced an exhibit's model. */
  created: boolean;
  /** What the ingest counted, for the CLI's line. */
  triangles: number;
}

/** The most exhibits a museum record holds (placeRecord's schema says the same). */
export const MAX_EXHIBITS = 200;

/** Refusals that are not about the file itself (those are the ingest's IngestError). */
export const museumRefusals = {
  notMuseum: (placeId: string) => new ApiError(409, 'not_a_museum', `The place "${placeId}" is not a museum; only a museum holds exhibits (set its kind to museum first).`),
  noExhibit: (exhibitId: string) => new ApiError(404, 'exhibit_not_found', `This museum has no exhibit "${textForLog(exhibitId, 64)}".`),
  full: () => new ApiError(409, 'too_many_exhibits', `This museum already has ${MAX_EXHIBITS} exhibits, the most one may hold; delete one before adding another.`),
  siteTaken: (title: string) => new ApiError(409, 'site_taken', `This museum already has a site model ("${title}"); make that one an exhibit first, or replace its model.`),
  placeGone: (placeId: string) => new ApiError(404, 'place_not_found', `The place "${placeId}" no longer exists.`),
};

/** The first id free in the place: the title's slug, then slug-2, slug-3 … */
export function freeExhibitId(place: PlaceRecord, title: string): string {
  const taken = new Set((place.exhibits ?? []).map((e) => e.id));
  const base = slugify(title, 'exhibit').slice(0, 56).replace(/-+$/, '') || 'exhibit';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Adds an exhibit to a museum, or replaces one exhibit's model, crash-safe like storeScene:
 * the model is validated and ingested into a temp folder (a hostile file is refused there
 * and nothing is left), the folder becomes `_exhibits/<id>/<rev>/` and the record is
 * repointed at it in one locked update (committed), and only then is the rev it replaced
 * removed. Killed anywhere in between, the record names a complete rev; what the crash left
 * (a temp folder, an uncommitted rev, a replaced rev) is removed by sweepTiles at the next start.
 */
export async function storeExhibit(opts: {
  places: PlaceStore;
  tilesDir: string;
  placeId: string;
  bytes: Buffer;
  /** The uploaded file's name: .glb or .gltf decides how it is read; quoted in errors. */
  fileName: string;
  /** A new exhibit with these fields, or a new model for the exhibit with this id. */
  target: { create: NewExhibitFields } | { replace: string };
  /** Runs the ingest (the server's ingest queue); defaults to running it at once. */
  queue?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The caller gives the bytes up: they are moved to the ingest's thread, not copied (opts.bytes is left empty). */
  transferBytes?: boolean;
  /** The ingest's progress, 0 to 1. */
  onProgress?: (fraction: number) => void;
}): Promise<StoredExhibit> {
  const { places, placeId, tilesDir, target } = opts;
  const creating = 'create' in target ? target.create : undefined;
  const replacing = 'replace' in target ? target.replace : undefined;

  // Everything about the record is checked before the ingest runs, so a refusal costs nothing.
  const current = await places.get(placeId);
  if (!current) throw museumRefusals.placeGone(placeId);
  const refusal = (p: PlaceRecord): ApiError | undefined => {
    if (p.kind !== 'museum') return museumRefusals.notMuseum(placeId);
    if (replacing !== undefined && !p.exhibits?.some((e) => e.id === replacing)) return museumRefusals.noExhibit(replacing);
    const site = p.exhibits?.find((e) => e.role === 'site');
    if (creating?.role === 'site' && site) return museumRefusals.siteTaken(site.title);
    // Before the ingest, and again in the update: the record's schema would refuse a 201st only after the work.
    if (creating && (p.exhibits?.length ?? 0) >= MAX_EXHIBITS) return museumRefusals.full();
    return undefined;
  };
  const early = refusal(current);
  if (early) throw early;

  const run = opts.queue ?? ((work) => work());
  const rev = randomBytes(6).toString('hex');
  // Beside the places, not inside one: a refused or killed ingest leaves nothing in the place's folder.
  const tmp = path.join(tilesDir, `.exhibit.tmp-${rev}`);
  await mkdir(tilesDir, { recursive: true });
  let ingested: Omit<ExhibitModel, 'rev'> & { triangles: number };
  try {
    ingested = await run(async () => {
      // On a worker thread (seconds of synchronous work would stall every other request); the glTF
      // toolkit, its codecs and the validator load there, never in the server's own thread.
      // Killed mid-ingest (the crash test's 'tiling'): the record still names the old rev.
      const onProgress = (f: number) => {
        if (f >= 0.6) crashPoint('tiling');
        opts.onProgress?.(f);
      };
      return runIngestModelInWorker(opts.bytes, opts.fileName, tmp, { onProgress, transfer: opts.transferBytes });
    });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  crashPoint('tiled');
  const { triangles, ...files } = ingested;
  const model: ExhibitModel = { ...files, rev };

  let late: ApiError | undefined;
  let replaced: string | undefined;
  let exhibitId = replacing ?? '';
  let moved: string | undefined;
  // An uncommitted upload takes away what it moved in: its rev, and a new exhibit's folder if nothing else is in it.
  const undo = async () => {
    await rm(moved ?? tmp, { recursive: true, force: true });
    if (moved && creating) await removeIfEmpty(path.dirname(moved));
  };
  // Merged into the place as it is now: another save may have landed while this one ingested.
  const saved = await places
    .update(placeId, async (fresh) => {
      late = refusal(fresh);
      if (late) return null;
      if (creating) exhibitId = freeExhibitId(fresh, creating.title);
      const revDir = path.join(tilesDir, placeId, exhibitRevPath(exhibitId, rev));
      await moveIn(tmp, revDir);
      moved = revDir;
      const exhibits = fresh.exhibits ?? [];
      if (creating) {
        const exhibit: ExhibitRecord = { ...creating, id: exhibitId, model, infoPoints: [] };
        return { ...fresh, exhibits: [...exhibits, exhibit] };
      }
      const before = exhibits.find((e) => e.id === exhibitId)!;
      replaced = before.model.rev;
      // The info points' images and audio live in the rev folder: they move to the new rev with the model.
      const oldDir = path.join(tilesDir, placeId, exhibitRevPath(exhibitId, before.model.rev));
      for (const m of before.infoPoints.flatMap((p) => [p.image, p.audio])) {
        if (m) await cp(path.join(oldDir, m), path.join(revDir, m), { force: true }).catch(() => {});
      }
      return { ...fresh, exhibits: exhibits.map((e) => (e.id === exhibitId ? { ...e, model } : e)) };
    })
    .catch(async (e: unknown) => {
      await undo();
      throw e;
    });
  if (!saved || late) {
    await undo();
    throw late ?? museumRefusals.placeGone(placeId);
  }
  crashPoint('committed');
  if (replaced && replaced !== rev) await rm(path.join(tilesDir, placeId, exhibitRevPath(exhibitId, replaced)), { recursive: true, force: true });
  crashPoint('removed');
  const exhibit = saved.after.exhibits!.find((e) => e.id === exhibitId)!;
  return { place: saved.after, exhibit, created: Boolean(creating), triangles };
}

/**
 * Moves the ingested folder to its rev folder. A delete of an exhibit that had this id may
 * remove the (then empty) id folder between the mkdir and the rename: make it again.
 */
async function moveIn(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await mkdir(path.dirname(to), { recursive: true });
    try {
      return await rename(from, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw e;
    }
  }
}

/** Removes a folder only when it is empty: another upload may have put a rev in it meanwhile. */
export async function removeIfEmpty(dir: string): Promise<void> {
  await rmdir(dir).catch(() => {});
}
