import { Hono, type Context } from 'hono';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { canManagePlace } from '../auth/canManagePlace.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import type { HostEnv } from '../auth/requireHost.ts';
import type { HostStore } from '../db/createHostStore.ts';
import { ApiError } from '../http/ApiError.ts';
import { errorBody } from '../http/createErrorHandler.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import { hasContent } from '../museum/hasContent.ts';
import { createTileGrants } from '../places/createTileGrants.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { AngleRecord, PlaceRecord, ShowRecord } from '../places/placeRecord.ts';
import { slugify } from '../places/slugify.ts';
import { placeFileBase, toPublicShow } from '../places/toPublicPlace.ts';
import {
  angleIdSchema,
  angleInputSchema,
  anglePatchSchema,
  SHOW_ANGLES_MAX,
  SHOW_STATUS_NEXT,
  showPatchSchema,
  textForLog,
  type Show,
  type ShowPatch,
} from '../protocol/index.ts';

export interface ShowRouteDeps {
  places: PlaceStore;
  hosts: HostStore;
  signer: TokenSigner;
  tilesDir: string;
  assetBaseUrl: string;
}

/** An angle as the console sends it; the id may be left to the server (made from the label). */
const angleBodySchema = angleInputSchema.extend({ id: angleIdSchema.optional() });

/** What a show is before its host says otherwise: upcoming, unscheduled, no angles. */
const NEW_SHOW: ShowRecord = { status: 'upcoming', startsAt: null, endsAt: null, slowLive: false, angles: [] };

const refusals = {
  notFound: (id: string) => new ApiError(404, 'place_not_found', `You have no place "${textForLog(id, 64)}".`),
  notShow: (id: string) => new ApiError(409, 'not_a_show', `The place "${id}" is not a show; only a place of kind show holds angles (set its kind to show first).`),
  noShow: () => new ApiError(409, 'no_show', 'This place has no show yet; create it first (PUT /api/host/places/:id/show).'),
  noAngle: (angleId: string) => new ApiError(404, 'angle_not_found', `This show has no angle "${textForLog(angleId, 64)}".`),
  full: () => new ApiError(409, 'too_many_angles', `This show already has ${SHOW_ANGLES_MAX} angles, the most one may hold; delete one before adding another.`),
  angleTaken: (angleId: string) => new ApiError(409, 'angle_taken', `This show already has an angle "${angleId}"; choose another id or replace that angle.`, 'id'),
};

/**
 * The show's fields after `patch`, or why not: a status may only move as SHOW_STATUS_NEXT says,
 * a show goes live (or replays) only with an angle, its main angle must be one of its angles and
 * a schedule the host sets may not end before it starts. Going live stamps the start, ending stamps the end,
 * unless the host gave them.
 */
export function applyShowPatch(before: ShowRecord, patch: ShowPatch, now = new Date()): ShowRecord | ApiError {
  const next: ShowRecord = { ...before, ...patch };
  if (patch.status !== undefined && patch.status !== before.status) {
    const allowed = SHOW_STATUS_NEXT[before.status];
    if (!allowed.includes(patch.status))
      return new ApiError(409, 'status_refused', `A show that is ${before.status} cannot become ${patch.status}; it can only become ${allowed.join(' or ')}.`, 'status');
    if ((patch.status === 'live' || patch.status === 'replay') && next.angles.length === 0)
      return new ApiError(409, 'no_angles', `Add at least one angle before the show goes ${patch.status === 'live' ? 'live' : 'to replay'}.`, 'status');
    const iso = now.toISOString();
    // Going live early, or ending early, is when it really started or ended.
    if (patch.status === 'live' && patch.startsAt === undefined && (next.startsAt === null || next.startsAt > iso)) next.startsAt = iso;
    if (patch.status === 'ended' && patch.endsAt === undefined && (next.endsAt === null || next.endsAt > iso)) next.endsAt = iso;
  }
  // Only a schedule the host sends is checked: a show called off before its start ends before it.
  const scheduled = patch.startsAt !== undefined || patch.endsAt !== undefined;
  if (scheduled && next.startsAt && next.endsAt && Date.parse(next.endsAt) < Date.parse(next.startsAt))
    return new ApiError(400, 'invalid_body', 'endsAt: the show cannot end before it starts.', 'endsAt');
  if (next.mainAngle !== undefined && !next.angles.some((a) => a.id === next.mainAngle))
    return new ApiError(400, 'invalid_body', `mainAngle: this show has no angle "${next.mainAngle}".`, 'mainAngle');
  return next;
}

/** The first angle id free in the show: the label's slug, then slug-2, slug-3 … */
function freeAngleId(show: ShowRecord, label: string): string {
  const taken = new Set(show.angles.map((a) => a.id));
  const base = slugify(label, 'angle').slice(0, 56).replace(/-+$/, '') || 'angle';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A show's host API, mounted at `/api/host` behind requireHost (it reads `c.get('host')`): create
 * the show or change its status and schedule, add, replace, edit and delete angles. Every answer
 * is the whole show as the console shows it (playlist URLs carry a tile grant while unpublished).
 * A place the host may not manage is answered exactly like a missing one; only a show holds angles.
 */
export function showRoutes(deps: ShowRouteDeps) {
  const app = new Hono<HostEnv>();
  const grants = createTileGrants(deps.signer);
  // Fail closed if this is ever mounted without requireHost in front of it.
  app.use('*', async (c, next) => {
    if (!c.get('host')) return c.json(errorBody(new ApiError(401, 'unauthenticated', 'Sign in as a host first (Authorization: Bearer <token>).')), 401);
    await next();
  });

  const toHostShow = (p: PlaceRecord): Show => toPublicShow(placeFileBase(deps.assetBaseUrl, p.id, grants.grant(p.id)), p.id, p.show ?? NEW_SHOW);

  /** The host's show place (checked before reading any body, so a stranger learns nothing from validation). */
  async function ownShowPlace(c: Context<HostEnv>): Promise<PlaceRecord> {
    const id = c.req.param('id') ?? '';
    const p = await deps.places.get(id);
    if (!p || !(await canManagePlace(deps.hosts, c.get('host'), p))) throw refusals.notFound(id);
    if (p.kind !== 'show') throw refusals.notShow(p.id);
    return p;
  }

  /**
   * Read-change-write of the show under the place's row lock: `change` gets the stored show
   * (undefined before it is created) and returns the next one or a refusal, thrown after the
   * transaction. A show left without angles is withdrawn, as a home without rooms is.
   */
  async function editShow(placeId: string, change: (show: ShowRecord | undefined, place: PlaceRecord) => ShowRecord | ApiError): Promise<{ before: PlaceRecord; after: PlaceRecord }> {
    let refusal: ApiError | undefined;
    const saved = await deps.places.update(placeId, (fresh) => {
      const next = fresh.kind === 'show' ? change(fresh.show, fresh) : refusals.notShow(placeId);
      if (next instanceof ApiError) {
        refusal = next;
        return null;
      }
      const place: PlaceRecord = { ...fresh, show: next };
      place.published = fresh.published && hasContent(place);
      return place;
    });
    if (refusal) throw refusal;
    if (!saved) throw refusals.notFound(placeId);
    return saved;
  }

  const angleParam = (c: Context): string => {
    const raw = c.req.param('angleId') ?? '';
    if (!angleIdSchema.safeParse(raw).success) throw refusals.noAngle(raw);
    return raw;
  };

  /** Creates the show (201) or, when it exists, changes its fields like PATCH (200); angles stay. */
  app.put('/places/:id/show', async (c) => {
    const p = await ownShowPlace(c);
    const patch = await readJsonBody(c, showPatchSchema);
    const saved = await editShow(p.id, (show) => applyShowPatch(show ?? NEW_SHOW, patch));
    return c.json(toHostShow(saved.after), saved.before.show ? 200 : 201);
  });

  /** Status (go live, end, replay) and schedule; what is absent stays. */
  app.patch('/places/:id/show', async (c) => {
    const p = await ownShowPlace(c);
    const patch = await readJsonBody(c, showPatchSchema);
    const saved = await editShow(p.id, (show) => (show ? applyShowPatch(show, patch) : refusals.noShow()));
    return c.json(toHostShow(saved.after));
  });

  /** A new angle, at the end; its id is made from the label when the body has none. */
  app.post('/places/:id/show/angles', async (c) => {
    const p = await ownShowPlace(c);
    const body = await readJsonBody(c, angleBodySchema);
    const saved = await editShow(p.id, (show) => {
      if (!show) return refusals.noShow();
      if (body.id && show.angles.some((a) => a.id === body.id)) return refusals.angleTaken(body.id);
      if (show.angles.length >= SHOW_ANGLES_MAX) return refusals.full();
      const angle: AngleRecord = { ...body, id: body.id ?? freeAngleId(show, body.label) };
      return { ...show, angles: [...show.angles, angle] };
    });
    return c.json(toHostShow(saved.after), 201);
  });

  /** Replaces an angle whole (its place in the order stays), or adds it under this id (201). */
  app.put('/places/:id/show/angles/:angleId', async (c) => {
    const p = await ownShowPlace(c);
    const angleId = angleParam(c);
    const body = await readJsonBody(c, angleBodySchema);
    if (body.id !== undefined && body.id !== angleId) throw new ApiError(400, 'invalid_body', `id: the body names angle "${body.id}" but the address names "${angleId}"; they must agree.`, 'id');
    const angle: AngleRecord = { ...body, id: angleId };
    const saved = await editShow(p.id, (show) => {
      if (!show) return refusals.noShow();
      if (show.angles.some((a) => a.id === angleId)) return { ...show, angles: show.angles.map((a) => (a.id === angleId ? angle : a)) };
      if (show.angles.length >= SHOW_ANGLES_MAX) return refusals.full();
      return { ...show, angles: [...show.angles, angle] };
    });
    return c.json(toHostShow(saved.after), saved.before.show?.angles.some((a) => a.id === angleId) ? 200 : 201);
  });

  /** Label, offset, opening yaw; what is absent stays. */
  app.patch('/places/:id/show/angles/:angleId', async (c) => {
    const p = await ownShowPlace(c);
    const angleId = angleParam(c);
    const patch = await readJsonBody(c, anglePatchSchema);
    const saved = await editShow(p.id, (show) => {
      if (!show) return refusals.noShow();
      if (!show.angles.some((a) => a.id === angleId)) return refusals.noAngle(angleId);
      return { ...show, angles: show.angles.map((a) => (a.id === angleId ? { ...a, ...patch } : a)) };
    });
    return c.json(toHostShow(saved.after));
  });

  /** Removes the angle and then its files (what `npm run live` published, a loop's segments). */
  app.delete('/places/:id/show/angles/:angleId', async (c) => {
    const p = await ownShowPlace(c);
    const angleId = angleParam(c);
    const saved = await editShow(p.id, (show) => {
      if (!show?.angles.some((a) => a.id === angleId)) return refusals.noAngle(angleId);
      const next: ShowRecord = { ...show, angles: show.angles.filter((a) => a.id !== angleId) };
      if (next.mainAngle === angleId) delete next.mainAngle;
      return next;
    });
    // After the commit: the record no longer names the folder, so nothing serves it any more.
    await rm(path.join(deps.tilesDir, saved.after.id, '_show', angleId), { recursive: true, force: true });
    return c.json(toHostShow(saved.after));
  });

  return app;
}
