import { z } from 'zod';
import { apiErrorSchema } from '@protocol';
import {
  createSessionResultSchema,
  joinSessionResultSchema,
  sessionLookupSchema,
  voiceTokenResultSchema,
  type CreateSessionBody,
  type CreateSessionResult,
  type JoinSessionResult,
  type SessionLookup,
  type VoiceTokenResult,
} from '@protocol';

type Fetch = typeof fetch;

/** A refused or failed session request: `code` is the server's (session_not_found, rate_limited…) or offline / bad_response. */
export class SessionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(fetchImpl: Fetch, url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new SessionApiError(0, 'offline', 'The server could not be reached; check your connection and try again.');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = apiErrorSchema.safeParse(body);
    throw new SessionApiError(res.status, err.success ? err.data.error : 'http_error', err.success ? err.data.message : res.statusText);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SessionApiError(res.status, 'bad_response', 'The server answered in an unexpected shape; reload the page.');
  return parsed.data;
}

/** Host: starts a session for a published place (Authorization: the host console's token), on `exhibitId` when given. */
export function createSession(placeId: string, hostToken: string, fetchImpl: Fetch = fetch, exhibitId?: string): Promise<CreateSessionResult> {
  const body: CreateSessionBody = exhibitId ? { placeId, exhibitId } : { placeId };
  return call(fetchImpl, '/api/sessions', { method: 'POST', headers: { authorization: `Bearer ${hostToken}` }, body: JSON.stringify(body) }, createSessionResultSchema);
}

/** The join page: which session a code opens (404 session_not_found, 410 session_ended). */
export function lookupSession(code: string, fetchImpl: Fetch = fetch, signal?: AbortSignal): Promise<SessionLookup> {
  return call(fetchImpl, `/api/sessions/by-code/${encodeURIComponent(code)}`, { method: 'GET', signal }, sessionLookupSchema);
}

/** A viewer takes a seat with a display name; the token goes in the socket's hello. */
export function joinSession(sessionId: string, name: string, fetchImpl: Fetch = fetch): Promise<JoinSessionResult> {
  return call(fetchImpl, `/api/sessions/${encodeURIComponent(sessionId)}/join`, { method: 'POST', body: JSON.stringify({ name }) }, joinSessionResultSchema);
}

/** A LiveKit token for this seat (credential: the seat or resume token, or the host key), or why voice is off. */
export function fetchVoiceToken(sessionId: string, credential: string, fetchImpl: Fetch = fetch): Promise<VoiceTokenResult> {
  return call(fetchImpl, `/api/sessions/${encodeURIComponent(sessionId)}/voice-token`, { method: 'POST', headers: { authorization: `Bearer ${credential}` } }, voiceTokenResultSchema);
}
