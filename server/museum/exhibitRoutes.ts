import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HostEnv } from '../auth/requireHost.ts';
import { canManagePlace } from '../auth/canManagePlace.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import type { HostStore } from '../db/createHostStore.ts';
import { ApiError } from '../http/ApiError.ts';
import { errorBody } from '../http/createErrorHandler.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { createTileGrants } from '../places/createTileGrants.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { ExhibitRecord, PlaceRecord } from '../places/placeRecord.ts';
import { placeFileBase } from '../places/toPublicPlace.ts';
import { normaliseText, textForLog, textProblem, type Exhibit, type Hotspot } from '../protocol/index.ts';
import { exhibitCreateFieldsSchema, exhibitPatchSchema } from './exhibitPatchSchema.ts';
import { alignExhibitHalls } from './alignExhibitHalls.ts';
import { hasContent } from './hasContent.ts';
import { ingestSlotFor } from './ingestSlotFor.ts';
import { sniffMedia } from './sniffMedia.ts';
import { museumRefusals, removeIfEmpty, storeExhibit } from './storeExhibit.ts';
import { exhibitRevPath, toPublicExhibit } from './toPublicExhibit.ts';

/** A museum model upload; the ingest's own limits (MODEL_LIMITS) judge what the file declares. */
export const MAX_MODEL_UPLOAD_BYTES = 100 * 1024 * 1024;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_AUDIO_BYTES = 30 * 1024 * 1024;
/** Exhibit edits carry up to 50 info points of 2000 characters each, in two languages. */
const EXHIBIT_EDIT_BYTES = 512 * 1024;
/** Room for the multipart framing and the text fields beside the file. */
const FORM_SLACK = 256 * 1024;

export interface ExhibitRouteDeps {
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  tilesDir: string;
  assetBaseUrl: string;
}

type Form = Record<string, string | File | (string | File)[]>;

/**
 * A museum's exhibits, mounted at `/api/host` behind requireHost (it reads `c.get('host')`):
 * upload a model as a new exhibit, replace its model, edit it, give an info point an image or
 * audio, delete it. Every route checks the place is the host's (canManagePlace) and answers
 * another host's place exactly like a missing one; only a museum holds exhibits.
 */
export function exhibitRoutes(deps: ExhibitRouteDeps) {
  const app = new Hono<HostEnv>();
  // Validating and optimising a model takes a core and a few hundred MB: one at a time per
  // instance, taking turns with room photos, a few queued and the rest told to come back.
  const ingestSlot = ingestSlotFor(deps.places);
  const grants = createTileGrants(deps.signer);
  // Fail closed if this is ever mounted without requireHost in front of it.
  app.use('*', async (c, next) => {
    if (!c.get('host')) return c.json(errorBody(new ApiError(401, 'unauthenticated', 'Sign in as a host first (Authorization: Bearer <token>).')), 401);
    await next();
  });

  /** The console shows unpublished exhibits: their file URLs carry a grant, as its rooms' do. */
  const toHostExhibit = (p: PlaceRecord, e: ExhibitRecord): Exhibit => toPublicExhibit(placeFileBase(deps.assetBaseUrl, p.id, grants.grant(p.id)), e);
  const notFound = (id: string) => new ApiError(404, 'place_not_found', `You have no place "${textForLog(id, 64)}".`);

  /** The host's museum, or the refusal: a place not theirs looks missing; a home is told it holds no exhibits. */
  async function ownMuseum(c: Context<HostEnv>): Promise<PlaceRecord> {
    const id = c.req.param('id') ?? '';
    const p = await deps.places.get(id);
    if (!p || !(await canManagePlace(deps.hosts, c.get('host'), p))) throw notFound(id);
    if (p.kind !== 'museum') throw museumRefusals.notMuseum(p.id);
    return p;
  }
  const exhibitOf = (p: PlaceRecord, exhibitId: string): ExhibitRecord => {
    const e = p.exhibits?.find((x) => x.id === exhibitId);
    if (!e) throw museumRefusals.noExhibit(exhibitId);
    return e;
  };
  async function readForm(c: Context): Promise<Form> {
    try {
      return await c.req.parseBody();
    } catch {
      throw new ApiError(400, 'invalid_body', 'Send the file as multipart/form-data in a field named "file".');
    }
  }
  function fileOf(form: Form, what: string): File {
    const file = form.file;
    if (!(file instanceof File)) throw new ApiError(400, 'invalid_body', `file: attach the ${what} in a field named "file".`, 'file');
    const problem = textProblem(file.name, { max: 255, min: 0 });
    if (problem) throw new ApiError(400, 'invalid_body', `file: the file name ${problem}.`, 'file');
    return file;
  }
  const modelLimit = bodyLimit({
    maxSize: MAX_MODEL_UPLOAD_BYTES + FORM_SLACK,
    onError: () => {
      throw new ApiError(413, 'too_large', `The model is larger than ${MAX_MODEL_UPLOAD_BYTES / 1024 / 1024} MB; export it with compressed textures (WebP or KTX2) and try again.`);
    },
  });

  /** New exhibit: multipart `file` (.glb or .gltf) and fields title, titleZh?, role?, description?, descriptionZh?, arScale?, minutes?. */
  app.post('/places/:id/exhibits', modelLimit, async (c) => {
    const p = await ownMuseum(c);
    const form = await readForm(c);
    const file = fileOf(form, 'model (.glb or .gltf)');
    const text = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== 'file' && typeof v === 'string' && v !== ''));
    // A title from the file name, cut to the 120 characters a title may have (as a room's name is).
    const fromFile = Array.from(normaliseText(file.name.replace(/\.[^.]+$/, ''), false)).slice(0, 120).join('').trim();
    const parsed = exhibitCreateFieldsSchema.safeParse({ title: fromFile || 'Exhibit', ...text });
    if (!parsed.success) {
      const [i] = parsed.error.issues;
      const field = i.path.join('.') || 'body';
      throw new ApiError(400, 'invalid_body', `${field}: ${i.message}`, field);
    }
    const { titleZh, descriptionZh, ...fields } = parsed.data;
    const stored = await storeExhibit({
      places: deps.places,
      tilesDir: deps.tilesDir,
      placeId: p.id,
      bytes: Buffer.from(await file.arrayBuffer()),
      fileName: file.name,
      target: { create: { ...fields, ...(titleZh && { titleZh }), ...(descriptionZh && { descriptionZh }) } },
      queue: (work) => ingestSlot.run(work),
      transferBytes: true,
    });
    return c.json(toHostExhibit(stored.place, stored.exhibit), 201);
  });

  /** A new model for an exhibit (multipart `file`); its fields and info points stay. */
  app.put('/places/:id/exhibits/:exhibitId/model', modelLimit, async (c) => {
    const p = await ownMuseum(c);
    exhibitOf(p, c.req.param('exhibitId'));
    const file = fileOf(await readForm(c), 'model (.glb or .gltf)');
    const stored = await storeExhibit({
      places: deps.places,
      tilesDir: deps.tilesDir,
      placeId: p.id,
      bytes: Buffer.from(await file.arrayBuffer()),
      fileName: file.name,
      target: { replace: c.req.param('exhibitId') },
      queue: (work) => ingestSlot.run(work),
      transferBytes: true,
    });
    return c.json(toHostExhibit(stored.place, stored.exhibit));
  });

  /** Fields, info points (the whole list), hall and map placement, eras: see exhibitPatchSchema. */
  app.patch('/places/:id/exhibits/:exhibitId', async (c) => {
    const p = await ownMuseum(c);
    const exhibitId = c.req.param('exhibitId');
    exhibitOf(p, exhibitId);
    const patch = await readJsonBody(c, exhibitPatchSchema, EXHIBIT_EDIT_BYTES);
    let refusal: ApiError | undefined;
    let dropped: string[] = [];
    let rev = '';
    const saved = await deps.places.update(p.id, (fresh) => {
      const before = fresh.exhibits?.find((e) => e.id === exhibitId);
      if (fresh.kind !== 'museum') refusal = museumRefusals.notMuseum(p.id);
      else if (!before) refusal = museumRefusals.noExhibit(exhibitId);
      else if (patch.role === 'site' && fresh.exhibits!.some((e) => e.role === 'site' && e.id !== exhibitId))
        refusal = museumRefusals.siteTaken(fresh.exhibits!.find((e) => e.role === 'site')!.title);
      else if (patch.hall && !fresh.scenes.some((s) => s.id === patch.hall!.sceneId))
        refusal = new ApiError(400, 'invalid_body', `hall: this museum has no hall "${textForLog(patch.hall.sceneId, 64)}".`, 'hall.sceneId');
      else if (patch.map) refusal = mapRefusal(fresh, patch.map);
      if (refusal || !before) return null;
      const { titleZh, descriptionZh, eras, infoPoints, hall, map, ...rest } = patch;
      const next: ExhibitRecord = { ...before, ...rest };
      if (titleZh !== undefined) setOrDrop(next, 'titleZh', titleZh);
      if (descriptionZh !== undefined) setOrDrop(next, 'descriptionZh', descriptionZh);
      if (eras !== undefined) setOrDrop(next, 'eras', eras);
      if (hall !== undefined) setOrDrop(next, 'hall', hall);
      if (map !== undefined) setOrDrop(next, 'map', map);
      if (infoPoints) {
        // Image and audio stay with the point of the same id; a point that is gone takes its files with it.
        const media = new Map(before.infoPoints.map((ip) => [ip.id, ip]));
        next.infoPoints = infoPoints.map((ip) => {
          const had = media.get(ip.id);
          return { ...ip, ...(had?.image && { image: had.image }), ...(had?.audio && { audio: had.audio }) };
        });
        const kept = new Set(infoPoints.map((ip) => ip.id));
        dropped = before.infoPoints.filter((ip) => !kept.has(ip.id)).flatMap((ip) => [ip.image, ip.audio]).filter((m): m is string => Boolean(m));
      }
      rev = before.model.rev;
      const scenes = hall === undefined ? fresh.scenes : placeInHall(fresh.scenes, exhibitId, hall);
      // The hotspot is the truth: every exhibit's hall is re-read from the halls, so both stay one fact.
      return alignExhibitHalls({ ...fresh, scenes, exhibits: fresh.exhibits!.map((e) => (e.id === exhibitId ? next : e)) });
    });
    if (refusal) throw refusal;
    if (!saved) throw notFound(p.id);
    // After the commit: a crash before this leaves files no point names, which sweepTiles removes.
    for (const m of dropped) await rm(path.join(deps.tilesDir, p.id, exhibitRevPath(exhibitId, rev), m), { force: true });
    return c.json(toHostExhibit(saved.after, exhibitOf(saved.after, exhibitId)));
  });

  /** An info point's image (JPEG/PNG/WebP, ≤ 10 MB) or audio (MP3/M4A/Ogg/WAV, ≤ 30 MB): multipart `file`, `infoPoint`, `kind`. */
  app.post(
    '/places/:id/exhibits/:exhibitId/media',
    bodyLimit({ maxSize: MAX_AUDIO_BYTES + FORM_SLACK, onError: () => {
      throw new ApiError(413, 'too_large', 'The file is larger than 30 MB; an image may have 10 MB, an audio clip 30 MB.');
    } }),
    async (c) => {
      const p = await ownMuseum(c);
      const exhibitId = c.req.param('exhibitId');
      const exhibit = exhibitOf(p, exhibitId);
      const form = await readForm(c);
      const file = fileOf(form, 'image or audio');
      const pointId = typeof form.infoPoint === 'string' ? form.infoPoint : '';
      if (!exhibit.infoPoints.some((ip) => ip.id === pointId))
        throw new ApiError(404, 'info_point_not_found', `This exhibit has no info point "${textForLog(pointId, 64)}"; save the point first.`, 'infoPoint');
      const bytes = Buffer.from(await file.arrayBuffer());
      const sniffed = sniffMedia(bytes);
      if (!sniffed) throw new ApiError(415, 'unsupported_media', 'The file is neither a JPEG, PNG or WebP image nor MP3, M4A, Ogg or WAV audio.', 'file');
      if (form.kind !== undefined && form.kind !== sniffed.kind)
        throw new ApiError(415, 'unsupported_media', `The file is ${sniffed.kind === 'image' ? 'an image' : 'audio'}, not ${form.kind === 'image' ? 'an image' : 'audio'}.`, 'file');
      if (sniffed.kind === 'image' && bytes.length > MAX_IMAGE_BYTES) throw new ApiError(413, 'too_large', 'The image is larger than 10 MB.', 'file');
      const rel = `media/${randomBytes(6).toString('hex')}.${sniffed.ext}`;
      const revDir = (rev: string) => path.join(deps.tilesDir, p.id, exhibitRevPath(exhibitId, rev));
      // Written under a name nothing uses yet, then named by the record (committed), then the file it replaced is removed.
      await mkdir(path.join(revDir(exhibit.model.rev), 'media'), { recursive: true });
      await writeFile(path.join(revDir(exhibit.model.rev), rel), bytes);
      let refusal: ApiError | undefined;
      let replaced: string | undefined;
      let rev = exhibit.model.rev;
      const saved = await deps.places.update(p.id, async (fresh) => {
        const e = fresh.exhibits?.find((x) => x.id === exhibitId);
        const point = e?.infoPoints.find((ip) => ip.id === pointId);
        if (!e || !point) {
          refusal = e ? new ApiError(404, 'info_point_not_found', `This exhibit has no info point "${textForLog(pointId, 64)}".`) : museumRefusals.noExhibit(exhibitId);
          return null;
        }
        // The model was replaced meanwhile: the file goes to the rev the record now names.
        if (e.model.rev !== exhibit.model.rev) {
          await mkdir(path.join(revDir(e.model.rev), 'media'), { recursive: true });
          await writeFile(path.join(revDir(e.model.rev), rel), bytes);
        }
        rev = e.model.rev;
        replaced = point[sniffed.kind];
        const next = { ...e, infoPoints: e.infoPoints.map((ip) => (ip.id === pointId ? { ...ip, [sniffed.kind]: rel } : ip)) };
        return { ...fresh, exhibits: fresh.exhibits!.map((x) => (x.id === exhibitId ? next : x)) };
      });
      if (!saved || refusal) {
        await rm(path.join(revDir(exhibit.model.rev), rel), { force: true });
        throw refusal ?? notFound(p.id);
      }
      if (replaced) await rm(path.join(revDir(rev), replaced), { force: true });
      return c.json(toHostExhibit(saved.after, exhibitOf(saved.after, exhibitId)));
    },
  );

  /** Removes the exhibit, the hall hotspots that open it, and then its files. */
  app.delete('/places/:id/exhibits/:exhibitId', async (c) => {
    const p = await ownMuseum(c);
    const exhibitId = c.req.param('exhibitId');
    exhibitOf(p, exhibitId);
    let found = false;
    let rev = '';
    const saved = await deps.places.update(p.id, (fresh) => {
      const gone = fresh.exhibits?.find((e) => e.id === exhibitId);
      found = Boolean(gone);
      if (!gone) return null;
      rev = gone.model.rev;
      const next: PlaceRecord = { ...fresh, scenes: placeInHall(fresh.scenes, exhibitId, null), exhibits: fresh.exhibits!.filter((e) => e.id !== exhibitId) };
      if (next.exhibits!.length === 0) delete next.exhibits;
      // A museum left with nothing to visit is withdrawn, as a home that loses its last room is.
      next.published = fresh.published && hasContent(next);
      return next;
    });
    if (!saved) throw notFound(p.id);
    if (!found || !rev) throw museumRefusals.noExhibit(exhibitId);
    // After the commit: a crash before this line leaves a folder the start-up sweep removes. Only
    // the deleted record's rev (its media are inside): an upload may already have taken the freed id.
    await rm(path.join(deps.tilesDir, p.id, exhibitRevPath(exhibitId, rev)), { recursive: true, force: true });
    await removeIfEmpty(path.dirname(path.join(deps.tilesDir, p.id, exhibitRevPath(exhibitId, rev))));
    return c.body(null, 204);
  });
  return app;
}

/** A map point must lie on the museum's floor plan (its metres): a point off it, or no plan at all, is refused. */
function mapRefusal(p: PlaceRecord, map: { x: number; y: number }): ApiError | undefined {
  const plan = p.floorPlan;
  if (!plan) return new ApiError(400, 'invalid_body', 'map: this museum has no floor plan yet; add one before placing exhibits on it.', 'map');
  if (map.x < 0 || map.y < 0 || map.x > plan.width || map.y > plan.height)
    return new ApiError(400, 'invalid_body', `map: the point lies outside the floor plan, which is ${plan.width} × ${plan.height} m.`, 'map');
  return undefined;
}

/** Sets an optional field, or removes it for '' or null (the record keeps absent, never empty). */
function setOrDrop<K extends 'titleZh' | 'descriptionZh' | 'eras' | 'hall' | 'map'>(e: ExhibitRecord, key: K, value: ExhibitRecord[K] | '' | null): void {
  if (value === '' || value === null) delete e[key];
  else e[key] = value as ExhibitRecord[K];
}

/**
 * The halls with the exhibit's hotspot where its placement says: every 'exhibit' hotspot that
 * opens it is taken out, and one is put in the hall it stands in (none for null).
 */
function placeInHall(scenes: PlaceRecord['scenes'], exhibitId: string, hall: { sceneId: string; yaw: number; pitch: number } | null): PlaceRecord['scenes'] {
  return scenes.map((s) => {
    const others = s.hotspots.filter((h) => h.kind !== 'exhibit' || h.exhibitId !== exhibitId);
    if (hall?.sceneId !== s.id) return others.length === s.hotspots.length ? s : { ...s, hotspots: others };
    const spot: Hotspot = { id: `exhibit-${exhibitId}`.slice(0, 64), kind: 'exhibit', exhibitId, yaw: hall.yaw, pitch: hall.pitch };
    return { ...s, hotspots: [...others, spot] };
  });
}
