import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomBytes } from 'node:crypto';
import { normaliseText, placeCreateSchema, placePatchSchema, scenePatchSchema, textForLog, textProblem, type HostPlace } from '../protocol/index.ts';
import type { Host, HostStore } from '../db/createHostStore.ts';
import { canManagePlace } from '../auth/canManagePlace.ts';
import { listManagedPlaces } from '../auth/listManagedPlaces.ts';
import { requireHost, type HostEnv } from '../auth/requireHost.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { storePlaceFile, type PlaceFileKind } from '../ingest/storePlaceFile.ts';
import { storeScene } from '../ingest/storeScene.ts';
import { removeStoredFiles } from '../ingest/removeStoredFiles.ts';
import { createTileGrants } from '../places/createTileGrants.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';
import { slugify } from '../places/slugify.ts';
import { toPublicPlace } from '../places/toPublicPlace.ts';
import { ApiError } from '../http/ApiError.ts';
import type { Metrics } from '../metrics/createMetrics.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { ingestSlotFor } from '../museum/ingestSlotFor.ts';
import { hasContent } from '../museum/hasContent.ts';
import { alignExhibitHalls } from '../museum/alignExhibitHalls.ts';

const MAX_PHOTO_BYTES = 150 * 1024 * 1024;
const MAX_PLAN_BYTES = 15 * 1024 * 1024;
const MAX_GLB_BYTES = 60 * 1024 * 1024;
/** Place and room edits carry descriptions and up to 100 hotspots: more than the default JSON limit. */
const HOST_EDIT_BYTES = 256 * 1024;
/** Why a place cannot be published yet, by kind. */
const NO_CONTENT: Record<PlaceRecord['kind'], string> = {
  home: 'Upload at least one room before publishing.',
  venue: 'Upload at least one room before publishing.',
  museum: 'Upload at least one hall or one exhibit before publishing.',
  show: 'Add at least one camera angle before publishing the show.',
};
/** bodyLimit's answer, thrown so app.onError words it like every other refusal. */
const tooLarge = (code: string, message: string): never => {
  throw new ApiError(413, code, message);
};

export interface HostRouteDeps {
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  tilesDir: string;
  assetBaseUrl: string;
  /** The ingest queue's depth is reported here. */
  metrics?: Metrics;
}

/** What the host console and scripts use: every route checks the token and that the place is the host's. */
export function hostRoutes(deps: HostRouteDeps) {
  const app = new Hono<HostEnv>();
  // Tiling a 16k photo takes most of a core and ~0.5 GB: one at a time per instance, queued
  // (a few deep) with the museum's model uploads (exhibitRoutes), which share the slot.
  const ingestSlot = ingestSlotFor(deps.places);
  deps.metrics?.watchIngestQueue(() => ingestSlot.size);
  app.use('*', requireHost(deps.signer, deps.hosts));
  // Every read-change-write of a place goes through places.update, which locks its row: two
  // saves of one place at once (the floor-plan page moving two rooms) both land, on any instance.

  // The console shows rooms before they are published: their file URLs carry a grant.
  const grants = createTileGrants(deps.signer);
  const toHostPlace = (p: PlaceRecord): HostPlace => {
    const pub = toPublicPlace(deps.assetBaseUrl, p, grants.grant(p.id));
    return { ...pub, published: p.published };
  };
  /**
   * The floor-plan image or the dollhouse, from the raw body; the writing is the ingest's (storePlaceFile).
   * An IngestError it throws is answered by app.onError (server/http/createErrorHandler.ts) like every refusal.
   */
  const storeFile = async (c: Context, placeId: string, kind: PlaceFileKind) => {
    const place = await storePlaceFile({ places: deps.places, tilesDir: deps.tilesDir, placeId, kind, bytes: Buffer.from(await c.req.arrayBuffer()) });
    return c.json(toHostPlace(place));
  };

  async function ownPlace(host: Host, id: string): Promise<PlaceRecord | null> {
    const p = await deps.places.get(id);
    // A place the host may not manage is answered exactly like a missing one.
    return p && (await canManagePlace(deps.hosts, host, p)) ? p : null;
  }
  const notFound = (id: string) => new ApiError(404, 'place_not_found', `You have no place "${textForLog(id, 64)}".`);

  app.get('/me', (c) => {
    const h = c.get('host');
    return c.json({ id: h.id, email: h.email, name: h.name, role: h.role });
  });

  app.get('/places', async (c) => c.json((await listManagedPlaces(deps.hosts, deps.places, c.get('host'))).map(toHostPlace)));

  app.get('/places/:id', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) throw notFound(c.req.param('id'));
    return c.json(toHostPlace(p));
  });

  app.post('/places', async (c) => {
    const body = await readJsonBody(c, placeCreateSchema, HOST_EDIT_BYTES);
    const { id: wanted, ...fields } = body;
    // A wanted id is a prefix, never taken as it is: if "taken → refused" and "free → yours"
    // were the answers, anyone could probe for other hosts' unpublished places by id.
    const prefix = (wanted ?? slugify(fields.title, 'place')).slice(0, 40).replace(/-+$/, '');
    for (let attempt = 0; attempt < 5; attempt++) {
      const record: PlaceRecord = { id: `${prefix}-${randomBytes(3).toString('hex')}`, hostId: c.get('host').id, ...fields, published: false, startScene: '', scenes: [] };
      if (await deps.places.create(record)) return c.json(toHostPlace(record), 201);
    }
    throw new Error('Vantage: five random place ids in a row were taken');
  });

  app.patch('/places/:id', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) throw notFound(c.req.param('id'));
    const body = await readJsonBody(c, placePatchSchema, HOST_EDIT_BYTES);
    const { floorPlan, ...rest } = body;
    let refusal: ApiError | undefined;
    const saved = await deps.places.update(p.id, (fresh) => {
      const next: PlaceRecord = { ...fresh, ...rest };
      if (floorPlan === null) delete next.floorPlan;
      else if (floorPlan) {
        // The image is never taken from the body: only the floor-plan upload sets it (a file we wrote).
        const { image: _ignored, ...plan } = floorPlan;
        next.floorPlan = { ...plan, ...(fresh.floorPlan?.image && { image: fresh.floorPlan.image }) };
      }
      const ids = new Set(next.scenes.map((s) => s.id));
      if (next.startScene && !ids.has(next.startScene)) refusal = new ApiError(400, 'invalid_body', `startScene: there is no room "${next.startScene}".`);
      else if (next.coverScene && !ids.has(next.coverScene)) refusal = new ApiError(400, 'invalid_body', `coverScene: there is no room "${next.coverScene}".`);
      else if (next.kind !== 'museum' && next.exhibits?.length) refusal = new ApiError(409, 'has_exhibits', 'Only a museum holds exhibits: delete its exhibits before changing its kind.');
      else if (next.kind !== 'show' && next.show?.angles.length) refusal = new ApiError(409, 'has_angles', 'Only a show holds angles: delete its angles before changing its kind.');
      // A museum may open with its exhibits alone, a show with its angles; a home needs a room.
      else if (next.published && !hasContent(next))
        refusal = new ApiError(409, next.kind === 'show' ? 'no_angles' : 'no_rooms', NO_CONTENT[next.kind]);
      return refusal ? null : next;
    });
    if (refusal) throw refusal;
    if (!saved) throw notFound(p.id);
    return c.json(toHostPlace(saved.after));
  });

  app.delete('/places/:id', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) throw notFound(c.req.param('id'));
    await deps.places.delete(p.id);
    await removeStoredFiles(deps.tilesDir, p.id);
    return c.body(null, 204);
  });

  /** Upload one room: multipart `photo` (equirect JPEG/PNG/WebP) and optional `name`. */
  app.post(
    '/places/:id/scenes',
    bodyLimit({ maxSize: MAX_PHOTO_BYTES, onError: () => tooLarge('too_large', 'The photo is larger than 150 MB.') }),
    async (c) => {
      const p = await ownPlace(c.get('host'), c.req.param('id'));
      if (!p) throw notFound(c.req.param('id'));
      let form: Record<string, string | File | (string | File)[]>;
      try {
        form = await c.req.parseBody();
      } catch {
        throw new ApiError(400, 'invalid_body', 'Send the photo as multipart/form-data in a field named "photo".');
      }
      const file = form.photo;
      if (!(file instanceof File)) throw new ApiError(400, 'invalid_body', 'photo: attach the panorama in a field named "photo".');
      // Everything is checked before the tiling starts, so a refusal never leaves tiles behind.
      const fileProblem = textProblem(file.name, { max: 255, min: 0 });
      if (fileProblem) throw new ApiError(400, 'invalid_body', `photo: the file name ${fileProblem}.`);
      const typed = typeof form.name === 'string' ? form.name : '';
      const nameProblem = typed.trim() ? textProblem(typed, { max: 80 }) : null;
      if (nameProblem) throw new ApiError(400, 'invalid_body', `name: ${nameProblem}.`);
      // A name from the file: what a camera or a person called it, cut to the 80 characters a room name may have.
      const fromFile = Array.from(normaliseText(file.name.replace(/\.[^.]+$/, ''), false)).slice(0, 80).join('').trim();
      const name = typed.trim() ? normaliseText(typed, false) : fromFile || 'Room';
      const sceneId = slugify(name, `room-${p.scenes.length + 1}`);
      const bytes = Buffer.from(await file.arrayBuffer());
      // An IngestError (a bad photo, a taken name) is answered by app.onError like every refusal.
      const stored = await storeScene({
        places: deps.places,
        tilesDir: deps.tilesDir,
        placeId: p.id,
        sceneId,
        name,
        bytes,
        label: textForLog(file.name, 120),
        replace: form.replace === 'true',
        queue: (work) => ingestSlot.run(work),
      });
      return c.json(toHostPlace(stored.place).tour.scenes.find((s) => s.id === sceneId), stored.created ? 201 : 200);
    },
  );

  app.patch('/places/:id/scenes/:sceneId', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) throw notFound(c.req.param('id'));
    const sceneId = c.req.param('sceneId');
    const missingScene = () => new ApiError(404, 'scene_not_found', `This place has no room "${textForLog(sceneId, 64)}".`);
    if (!p.scenes.some((s) => s.id === sceneId)) throw missingScene();
    const body = await readJsonBody(c, scenePatchSchema, HOST_EDIT_BYTES);
    const patch = body;
    let refusal: ApiError | undefined;
    const saved = await deps.places.update(p.id, (fresh) => {
      const scene = fresh.scenes.find((s) => s.id === sceneId);
      if (!scene) refusal = missingScene();
      const ids = new Set(fresh.scenes.map((s) => s.id));
      const dangling = (patch.hotspots ?? []).find((h) => h.kind === 'scene' && !ids.has(h.target));
      if (dangling?.kind === 'scene') refusal ??= new ApiError(400, 'invalid_body', `hotspots: no room "${dangling.target}" to link to.`);
      const exhibitIds = new Set((fresh.exhibits ?? []).map((e) => e.id));
      const noExhibit = (patch.hotspots ?? []).find((h) => h.kind === 'exhibit' && !exhibitIds.has(h.exhibitId));
      if (noExhibit?.kind === 'exhibit') refusal ??= new ApiError(400, 'invalid_body', `hotspots: no exhibit "${noExhibit.exhibitId}" to open.`);
      const opened = (patch.hotspots ?? []).flatMap((h) => (h.kind === 'exhibit' ? [h.exhibitId] : []));
      const twice = opened.find((id, i) => opened.indexOf(id) !== i);
      if (twice) refusal ??= new ApiError(400, 'invalid_body', `hotspots: two hotspots open the exhibit "${twice}"; an exhibit stands in one place.`);
      if (refusal || !scene) return null;
      // The exhibit hotspots are the truth: this room's win, and each exhibit's hall follows them.
      // An opening view the host changed is theirs to keep; the same one sent back with other edits is not a choice.
      const chosen = patch.initialView !== undefined && JSON.stringify(patch.initialView) !== JSON.stringify(scene.initialView);
      return alignExhibitHalls({ ...fresh, scenes: fresh.scenes.map((s) => (s.id === sceneId ? { ...scene, ...patch, ...(chosen && { initialViewChosen: true }) } : s)) }, sceneId);
    });
    if (refusal) throw refusal;
    if (!saved) throw notFound(p.id);
    return c.json(toHostPlace(saved.after).tour.scenes.find((s) => s.id === sceneId));
  });

  app.delete('/places/:id/scenes/:sceneId', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) throw notFound(c.req.param('id'));
    const id = c.req.param('sceneId');
    const missingScene = () => new ApiError(404, 'scene_not_found', `This place has no room "${textForLog(id, 64)}".`);
    if (!p.scenes.some((s) => s.id === id)) throw missingScene();
    let found = false;
    const saved = await deps.places.update(p.id, (fresh) => {
      found = fresh.scenes.some((s) => s.id === id);
      if (!found) return null;
      // Links into the removed room go with it, so no hotspot leads nowhere.
      const scenes = fresh.scenes
        .filter((s) => s.id !== id)
        .map((s) => ({ ...s, hotspots: s.hotspots.filter((h) => h.kind !== 'scene' || h.target !== id) }));
      const next: PlaceRecord = {
        ...fresh,
        scenes,
        startScene: fresh.startScene === id ? (scenes[0]?.id ?? '') : fresh.startScene,
        coverScene: fresh.coverScene === id ? undefined : fresh.coverScene,
        // An exhibit that stood in the removed hall stands nowhere now.
        ...(fresh.exhibits && { exhibits: fresh.exhibits.map(({ hall, ...e }) => (hall && hall.sceneId !== id ? { ...e, hall } : e)) }),
      };
      next.published = hasContent(next) && fresh.published;
      if (!next.coverScene) delete next.coverScene;
      return next;
    });
    if (!saved) throw notFound(p.id);
    if (!found) throw missingScene();
    // After the commit: a crash before this line leaves a folder the start-up sweep removes.
    await removeStoredFiles(deps.tilesDir, p.id, id);
    return c.body(null, 204);
  });

  /** The floor-plan drawing (JPEG/PNG/WebP); its scale is the plan's width/height in metres (PATCH floorPlan). */
  app.put(
    '/places/:id/floorplan-image',
    bodyLimit({ maxSize: MAX_PLAN_BYTES, onError: () => tooLarge('too_large', 'The floor plan image is larger than 15 MB.') }),
    async (c) => {
      const p = await ownPlace(c.get('host'), c.req.param('id'));
      if (!p) throw notFound(c.req.param('id'));
      return storeFile(c, p.id, '_plan');
    },
  );

  /** The dollhouse (binary glTF), in floor-plan metres. */
  app.put(
    '/places/:id/dollhouse',
    bodyLimit({ maxSize: MAX_GLB_BYTES, onError: () => tooLarge('too_large', 'The dollhouse model is larger than 60 MB.') }),
    async (c) => {
      const p = await ownPlace(c.get('host'), c.req.param('id'));
      if (!p) throw notFound(c.req.param('id'));
      return storeFile(c, p.id, '_dollhouse');
    },
  );
  return app;
}
