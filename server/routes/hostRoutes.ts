import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { bodyLimit } from 'hono/body-limit';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { placeCreateSchema, placePatchSchema, scenePatchSchema, type HostPlace } from '../protocol/index.ts';
import type { Host, HostStore } from '../db/createHostStore.ts';
import { canManagePlace } from '../auth/canManagePlace.ts';
import { listManagedPlaces } from '../auth/listManagedPlaces.ts';
import { requireHost, type HostEnv } from '../auth/requireHost.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { IngestError } from '../ingest/IngestError.ts';
import { ingestScene } from '../ingest/ingestScene.ts';
import { sniffImageFormat } from '../ingest/sniffImageFormat.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';
import { slugify } from '../places/slugify.ts';
import { toPublicPlace } from '../places/toPublicPlace.ts';
import { apiError } from './apiError.ts';
import { parseJson } from './parseJson.ts';
import { createKeyedLock } from './createKeyedLock.ts';
import { createSemaphore } from './createSemaphore.ts';

const MAX_PHOTO_BYTES = 150 * 1024 * 1024;
const MAX_PLAN_BYTES = 15 * 1024 * 1024;
const MAX_GLB_BYTES = 60 * 1024 * 1024;
const INGEST_STATUS: Record<IngestError['code'], ContentfulStatusCode> = {
  missing: 400,
  'not-image': 415,
  corrupt: 422,
  'too-large': 413,
  'not-equirect': 422,
};

export interface HostRouteDeps {
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  tilesDir: string;
  assetBaseUrl: string;
}

/** What the host console and scripts use: every route checks the token and that the place is the host's. */
export function hostRoutes(deps: HostRouteDeps) {
  const app = new Hono<HostEnv>();
  // Tiling a 16k photo takes most of a core and ~0.5 GB: one at a time per instance, queued.
  const ingestSlot = createSemaphore(1);
  app.use('*', requireHost(deps.signer, deps.hosts));
  // Every read-change-write of one place runs alone (per instance): see createKeyedLock.
  const placeLock = createKeyedLock();
  app.on(['PATCH', 'PUT', 'DELETE'], ['/places/:id', '/places/:id/scenes/:sceneId', '/places/:id/floorplan-image', '/places/:id/dollhouse'], (c, next) =>
    placeLock(c.req.param('id'), next),
  );

  const toHostPlace = (p: PlaceRecord): HostPlace => {
    const pub = toPublicPlace(deps.assetBaseUrl, p);
    return { ...pub, published: p.published };
  };

  async function ownPlace(host: Host, id: string): Promise<PlaceRecord | null> {
    const p = await deps.places.get(id);
    // A place the host may not manage is answered exactly like a missing one.
    return p && (await canManagePlace(deps.hosts, host, p)) ? p : null;
  }
  const notFound = (c: Context, id: string) =>
    apiError(c, 404, 'place_not_found', `You have no place "${id.slice(0, 64)}".`);

  app.get('/me', (c) => {
    const h = c.get('host');
    return c.json({ id: h.id, email: h.email, name: h.name, role: h.role });
  });

  app.get('/places', async (c) => c.json((await listManagedPlaces(deps.hosts, deps.places, c.get('host'))).map(toHostPlace)));

  app.get('/places/:id', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    return p ? c.json(toHostPlace(p)) : notFound(c, c.req.param('id'));
  });

  app.post('/places', async (c) => {
    const body = await parseJson(c, placeCreateSchema);
    if (!body.ok) return body.response;
    const { id: wanted, ...fields } = body.data;
    const id = wanted ?? `${slugify(fields.title, 'place').slice(0, 40)}-${randomBytes(3).toString('hex')}`;
    if (await deps.places.get(id)) return apiError(c, 409, 'place_exists', `A place with the id "${id}" already exists; choose another.`);
    const record: PlaceRecord = { id, hostId: c.get('host').id, ...fields, published: false, startScene: '', scenes: [] };
    await deps.places.put(record);
    return c.json(toHostPlace(record), 201);
  });

  app.patch('/places/:id', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) return notFound(c, c.req.param('id'));
    const body = await parseJson(c, placePatchSchema);
    if (!body.ok) return body.response;
    const { floorPlan, ...rest } = body.data;
    const next: PlaceRecord = { ...p, ...rest };
    if (floorPlan === null) delete next.floorPlan;
    else if (floorPlan) next.floorPlan = { ...floorPlan, image: p.floorPlan?.image ?? floorPlan.image };
    const ids = new Set(next.scenes.map((s) => s.id));
    if (next.startScene && !ids.has(next.startScene)) return apiError(c, 400, 'invalid_body', `startScene: there is no room "${next.startScene}".`);
    if (next.coverScene && !ids.has(next.coverScene)) return apiError(c, 400, 'invalid_body', `coverScene: there is no room "${next.coverScene}".`);
    if (next.published && next.scenes.length === 0) return apiError(c, 409, 'no_rooms', 'Upload at least one room before publishing.');
    await deps.places.put(next);
    return c.json(toHostPlace(next));
  });

  app.delete('/places/:id', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) return notFound(c, c.req.param('id'));
    await deps.places.delete(p.id);
    await rm(path.join(deps.tilesDir, p.id), { recursive: true, force: true });
    return c.body(null, 204);
  });

  /** Upload one room: multipart `photo` (equirect JPEG/PNG/WebP) and optional `name`. */
  app.post(
    '/places/:id/scenes',
    bodyLimit({ maxSize: MAX_PHOTO_BYTES, onError: (c) => apiError(c, 413, 'too_large', 'The photo is larger than 150 MB.') }),
    async (c) => {
      const p = await ownPlace(c.get('host'), c.req.param('id'));
      if (!p) return notFound(c, c.req.param('id'));
      let form: Record<string, string | File | (string | File)[]>;
      try {
        form = await c.req.parseBody();
      } catch {
        return apiError(c, 400, 'invalid_body', 'Send the photo as multipart/form-data in a field named "photo".');
      }
      const file = form.photo;
      if (!(file instanceof File)) return apiError(c, 400, 'invalid_body', 'photo: attach the panorama in a field named "photo".');
      const rawName = typeof form.name === 'string' && form.name.trim() ? form.name.trim() : file.name.replace(/\.[^.]+$/, '');
      const name = rawName.slice(0, 80) || 'Room';
      const sceneId = slugify(name, `room-${p.scenes.length + 1}`);
      const replace = form.replace === 'true';
      const existing = p.scenes.find((s) => s.id === sceneId);
      if (existing && !replace) return apiError(c, 409, 'name_taken', `This place already has a room named "${existing.name}"; rename the photo or replace that room.`);
      const bytes = Buffer.from(await file.arrayBuffer());
      const initialView = existing?.initialView ?? { yaw: 0, pitch: 0, fov: 90 };
      let tiles;
      try {
        tiles = (await ingestSlot.run(() =>
          ingestScene({ bytes, name: file.name.slice(0, 120), placeId: p.id, sceneId, tilesDir: deps.tilesDir, initialView, previous: existing?.tiles }),
        )).tiles;
      } catch (e) {
        if (e instanceof IngestError) return c.json({ error: e.code, message: e.message.replace(/^Vantage: /, '') }, INGEST_STATUS[e.code]);
        throw e;
      }
      // Only the write-back is serialised, not the tiling: a save elsewhere must not wait for it.
      const next = await placeLock(p.id, async () => {
        // Re-read: another save or upload to the same place may have finished while this one tiled.
        const fresh = (await ownPlace(c.get('host'), p.id)) ?? p;
        const scene = existing
          ? { ...existing, tiles }
          : { id: sceneId, name, north: 0, floor: { x: 0, y: 0 }, initialView, hotspots: [], tiles };
        const scenes = fresh.scenes.some((s) => s.id === sceneId) ? fresh.scenes.map((s) => (s.id === sceneId ? scene : s)) : [...fresh.scenes, scene];
        const merged: PlaceRecord = { ...fresh, scenes, startScene: fresh.startScene || sceneId };
        await deps.places.put(merged);
        return merged;
      });
      return c.json(toHostPlace(next).tour.scenes.find((s) => s.id === sceneId), existing ? 200 : 201);
    },
  );

  app.patch('/places/:id/scenes/:sceneId', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) return notFound(c, c.req.param('id'));
    const scene = p.scenes.find((s) => s.id === c.req.param('sceneId'));
    if (!scene) return apiError(c, 404, 'scene_not_found', `This place has no room "${c.req.param('sceneId').slice(0, 64)}".`);
    const body = await parseJson(c, scenePatchSchema);
    if (!body.ok) return body.response;
    const ids = new Set(p.scenes.map((s) => s.id));
    for (const h of body.data.hotspots ?? []) {
      if (h.kind === 'scene' && !ids.has(h.target)) return apiError(c, 400, 'invalid_body', `hotspots: no room "${h.target}" to link to.`);
    }
    const updated = { ...scene, ...body.data };
    const next: PlaceRecord = { ...p, scenes: p.scenes.map((s) => (s.id === scene.id ? updated : s)) };
    await deps.places.put(next);
    return c.json(toHostPlace(next).tour.scenes.find((s) => s.id === scene.id));
  });

  app.delete('/places/:id/scenes/:sceneId', async (c) => {
    const p = await ownPlace(c.get('host'), c.req.param('id'));
    if (!p) return notFound(c, c.req.param('id'));
    const id = c.req.param('sceneId');
    if (!p.scenes.some((s) => s.id === id)) return apiError(c, 404, 'scene_not_found', `This place has no room "${id.slice(0, 64)}".`);
    // Links into the removed room go with it, so no hotspot leads nowhere.
    const scenes = p.scenes
      .filter((s) => s.id !== id)
      .map((s) => ({ ...s, hotspots: s.hotspots.filter((h) => h.kind !== 'scene' || h.target !== id) }));
    const next: PlaceRecord = {
      ...p,
      scenes,
      startScene: p.startScene === id ? (scenes[0]?.id ?? '') : p.startScene,
      coverScene: p.coverScene === id ? undefined : p.coverScene,
      published: scenes.length > 0 && p.published,
    };
    if (!next.coverScene) delete next.coverScene;
    await deps.places.put(next);
    await rm(path.join(deps.tilesDir, p.id, id), { recursive: true, force: true });
    return c.body(null, 204);
  });

  /** The floor-plan drawing (JPEG/PNG/WebP); its scale is the plan's width/height in metres (PATCH floorPlan). */
  app.put(
    '/places/:id/floorplan-image',
    bodyLimit({ maxSize: MAX_PLAN_BYTES, onError: (c) => apiError(c, 413, 'too_large', 'The floor plan image is larger than 15 MB.') }),
    async (c) => {
      const p = await ownPlace(c.get('host'), c.req.param('id'));
      if (!p) return notFound(c, c.req.param('id'));
      const bytes = Buffer.from(await c.req.arrayBuffer());
      let format;
      try {
        format = sniffImageFormat(bytes, 'the floor plan');
      } catch (e) {
        return c.json({ error: 'not-image', message: (e as Error).message.replace(/^Vantage: /, '') }, 415);
      }
      const name = `plan-${randomBytes(6).toString('hex')}.${format === 'jpeg' ? 'jpg' : format}`;
      const dir = path.join(deps.tilesDir, p.id, '_plan');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, name), bytes);
      const image = `${deps.assetBaseUrl}/tiles/${p.id}/_plan/${name}`;
      const floorPlan = { width: p.floorPlan?.width ?? 10, height: p.floorPlan?.height ?? 8, rooms: p.floorPlan?.rooms ?? [], image };
      const next: PlaceRecord = { ...p, floorPlan };
      await deps.places.put(next);
      return c.json(toHostPlace(next));
    },
  );

  /** The dollhouse (binary glTF), in floor-plan metres. */
  app.put(
    '/places/:id/dollhouse',
    bodyLimit({ maxSize: MAX_GLB_BYTES, onError: (c) => apiError(c, 413, 'too_large', 'The dollhouse model is larger than 60 MB.') }),
    async (c) => {
      const p = await ownPlace(c.get('host'), c.req.param('id'));
      if (!p) return notFound(c, c.req.param('id'));
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (bytes.length < 20 || bytes.toString('latin1', 0, 4) !== 'glTF' || bytes.readUInt32LE(4) !== 2)
        return apiError(c, 415, 'not-gltf', 'The dollhouse must be a binary glTF 2.0 file (.glb).');
      const name = `dollhouse-${randomBytes(6).toString('hex')}.glb`;
      const dir = path.join(deps.tilesDir, p.id, '_dollhouse');
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, name), bytes);
      const next: PlaceRecord = { ...p, dollhouse: `_dollhouse/${name}` };
      await deps.places.put(next);
      return c.json(toHostPlace(next));
    },
  );
  return app;
}
