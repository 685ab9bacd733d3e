import { z } from 'zod';
import {
  agentProfileSchema,
  type AgentProfile,
  type HostProfilePatch,
  hostPlaceSchema,
  hostSchema,
  invitationCreatedSchema,
  invitationInfoSchema,
  loginResultSchema,
  teamMemberSchema,
  teamSchema,
  type InvitationCreated,
  type InvitationInfo,
  type InvitationRedeemBody,
  type Team,
  type TeamMember,
  sceneSchema,
  exhibitSchema,
  showSchema,
  type AngleInput,
  type AnglePatch,
  type Show,
  type ShowPatch,
  type Exhibit,
  type Host,
  type HostPlace,
  type LoginResult,
  type PlaceCreate,
  type PlacePatch,
  type Scene,
  type ScenePatch,
} from '@protocol';
import type { placeCreateSchema } from '@protocol';
import { HostApiError } from './HostApiError.ts';
import type { ExhibitPatch } from './museum/ExhibitPatch.ts';

type Fetch = typeof fetch;

/** A new place as the form sends it: listing fields, server defaults for the rest. */
export type PlaceCreateInput = z.input<typeof placeCreateSchema>;

async function request<T>(fetchImpl: Fetch, url: string, init: RequestInit, schema: z.ZodType<T> | null): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new HostApiError(0, 'offline', 'The server could not be reached; check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) throw HostApiError.fromBody(res.status, body, res.statusText);
  if (!schema) return body as T;
  const parsed = schema.safeParse(body);
  // The client and server share one protocol; a mismatch means a stale tab after a deploy.
  if (!parsed.success) throw new HostApiError(res.status, 'bad_response', 'The server answered in an unexpected shape; reload the page.');
  return parsed.data;
}

/** Signs a host in: email + password → a token for HostApi. Bad credentials reject with code bad_credentials. */
export function signIn(email: string, password: string, fetchImpl: Fetch = fetch): Promise<LoginResult> {
  return request(
    fetchImpl,
    '/api/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ email, password }) },
    loginResultSchema,
  );
}

/** What an invitation link shows; a dead link rejects with code invitation_{invalid,expired,revoked,used}. */
export function invitationInfo(token: string, fetchImpl: Fetch = fetch): Promise<InvitationInfo> {
  return request(fetchImpl, `/api/auth/invitations/${encodeURIComponent(token)}`, { headers: { accept: 'application/json' } }, invitationInfoSchema);
}

/** Redeems an invitation: the new agent's account, signed in. */
export function redeemInvitation(token: string, body: InvitationRedeemBody, fetchImpl: Fetch = fetch): Promise<LoginResult> {
  return request(
    fetchImpl,
    `/api/auth/invitations/${encodeURIComponent(token)}`,
    { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) },
    loginResultSchema,
  );
}

/**
 * The host API (/api/host) for one signed-in host. Plain TS: the console's React files
 * call it, tests give it a fake fetch. A 401 calls onUnauthorized (the token expired or
 * was revoked) before rejecting, so the console can ask to sign in again.
 */
export class HostApi {
  constructor(
    readonly token: string,
    private readonly opts: { fetch?: Fetch; onUnauthorized?: (e: HostApiError) => void } = {},
  ) {}

  private async call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: BodyInit | object, contentType?: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      // The browser writes the multipart boundary into content-type itself.
      payload = body;
    } else if (body instanceof Blob) {
      payload = body;
      headers['content-type'] = contentType || body.type || 'application/octet-stream';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    try {
      return await request(this.opts.fetch ?? fetch, `/api/host${path}`, { method, headers, body: payload }, schema);
    } catch (e) {
      if (e instanceof HostApiError && e.status === 401) this.opts.onUnauthorized?.(e);
      throw e;
    }
  }

  me(): Promise<Host> {
    return this.call('GET', '/me', hostSchema);
  }
  places(): Promise<HostPlace[]> {
    return this.call('GET', '/places', z.array(hostPlaceSchema));
  }
  place(id: string): Promise<HostPlace> {
    return this.call('GET', `/places/${encodeURIComponent(id)}`, hostPlaceSchema);
  }
  createPlace(body: PlaceCreateInput | PlaceCreate): Promise<HostPlace> {
    return this.call('POST', '/places', hostPlaceSchema, body);
  }
  patchPlace(id: string, patch: PlacePatch): Promise<HostPlace> {
    return this.call('PATCH', `/places/${encodeURIComponent(id)}`, hostPlaceSchema, patch);
  }
  deletePlace(id: string): Promise<void> {
    return this.call('DELETE', `/places/${encodeURIComponent(id)}`, null);
  }
  patchScene(placeId: string, sceneId: string, patch: ScenePatch): Promise<Scene> {
    return this.call('PATCH', `/places/${encodeURIComponent(placeId)}/scenes/${encodeURIComponent(sceneId)}`, sceneSchema, patch);
  }
  deleteScene(placeId: string, sceneId: string): Promise<void> {
    return this.call('DELETE', `/places/${encodeURIComponent(placeId)}/scenes/${encodeURIComponent(sceneId)}`, null);
  }
  /** The floor-plan drawing, sent as the raw image body. */
  putFloorPlanImage(placeId: string, image: Blob): Promise<HostPlace> {
    return this.call('PUT', `/places/${encodeURIComponent(placeId)}/floorplan-image`, hostPlaceSchema, image);
  }
  /** The host's public profile (the listing's agent card). */
  profile(): Promise<AgentProfile> {
    return this.call('GET', '/profile', agentProfileSchema);
  }
  putProfile(body: HostProfilePatch): Promise<AgentProfile> {
    return this.call('PUT', '/profile', agentProfileSchema, body);
  }
  /** The profile photo or the WeChat QR code, sent as the raw image body (the server re-encodes it). */
  putProfileImage(kind: 'photo' | 'wechat-qr', image: Blob): Promise<AgentProfile> {
    return this.call('PUT', `/profile/${kind}`, agentProfileSchema, image);
  }
  deleteProfileImage(kind: 'photo' | 'wechat-qr'): Promise<AgentProfile> {
    return this.call('DELETE', `/profile/${kind}`, agentProfileSchema);
  }
  /** The owner's team: members and pending invitations. */
  team(): Promise<Team> {
    return this.call('GET', '/team', teamSchema);
  }
  invite(): Promise<InvitationCreated> {
    return this.call('POST', '/team/invitations', invitationCreatedSchema);
  }
  revokeInvitation(id: string): Promise<void> {
    return this.call('DELETE', `/team/invitations/${encodeURIComponent(id)}`, null);
  }
  setAgentDisabled(id: string, disabled: boolean): Promise<TeamMember> {
    return this.call('PATCH', `/team/agents/${encodeURIComponent(id)}`, teamMemberSchema, { disabled });
  }
  /** A museum exhibit's fields, info points, hall and map placement. */
  patchExhibit(placeId: string, exhibitId: string, patch: ExhibitPatch): Promise<Exhibit> {
    return this.call('PATCH', `/places/${encodeURIComponent(placeId)}/exhibits/${encodeURIComponent(exhibitId)}`, exhibitSchema, patch);
  }
  deleteExhibit(placeId: string, exhibitId: string): Promise<void> {
    return this.call('DELETE', `/places/${encodeURIComponent(placeId)}/exhibits/${encodeURIComponent(exhibitId)}`, null);
  }
  /** An info point's image or audio (multipart `file` + `infoPoint` + `kind`); answers with the exhibit. */
  uploadExhibitMedia(placeId: string, exhibitId: string, infoPointId: string, kind: 'image' | 'audio', file: File): Promise<Exhibit> {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('infoPoint', infoPointId);
    form.append('kind', kind);
    return this.call('POST', `/places/${encodeURIComponent(placeId)}/exhibits/${encodeURIComponent(exhibitId)}/media`, exhibitSchema, form);
  }
  /** Creates the show of a place of kind show, or changes its fields (PUT: 201 the first time). */
  putShow(placeId: string, patch: ShowPatch = {}): Promise<Show> {
    return this.call('PUT', `/places/${encodeURIComponent(placeId)}/show`, showSchema, patch);
  }
  /** Status (go live, end, replay), schedule, slow live; refused with 409 status_refused when the change is impossible. */
  patchShow(placeId: string, patch: ShowPatch): Promise<Show> {
    return this.call('PATCH', `/places/${encodeURIComponent(placeId)}/show`, showSchema, patch);
  }
  /** A new angle (its id made from the label when absent); answers with the whole show. */
  addAngle(placeId: string, angle: Omit<AngleInput, 'id'> & { id?: string }): Promise<Show> {
    return this.call('POST', `/places/${encodeURIComponent(placeId)}/show/angles`, showSchema, angle);
  }
  patchAngle(placeId: string, angleId: string, patch: AnglePatch): Promise<Show> {
    return this.call('PATCH', `/places/${encodeURIComponent(placeId)}/show/angles/${encodeURIComponent(angleId)}`, showSchema, patch);
  }
  deleteAngle(placeId: string, angleId: string): Promise<Show> {
    return this.call('DELETE', `/places/${encodeURIComponent(placeId)}/show/angles/${encodeURIComponent(angleId)}`, showSchema);
  }
  /** Where uploadModel posts a new exhibit's GLB/glTF. */
  exhibitsUrl(placeId: string): string {
    return `/api/host/places/${encodeURIComponent(placeId)}/exhibits`;
  }
  /** Where uploadModel puts a replacement model for one exhibit. */
  exhibitModelUrl(placeId: string, exhibitId: string): string {
    return `/api/host/places/${encodeURIComponent(placeId)}/exhibits/${encodeURIComponent(exhibitId)}/model`;
  }
  /** Where uploadScene posts a room's photo. */
  scenesUrl(placeId: string): string {
    return `/api/host/places/${encodeURIComponent(placeId)}/scenes`;
  }
}
