import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { Host } from '../../../server/db/createHostStore.ts';
import { createSessionService, type SessionService } from '../../../server/sessions/createSessionService.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { sampleExhibit, samplePlace, sampleShow } from '../db/samplePlace.ts';

/**
 * Who may call which route: every route of the real app × every kind of caller, one row per
 * route. The suite reads the app's own route table, so a route added without a row here
 * fails it — decide who may call it, then add the row.
 */

const CALLERS = ['anonymous', 'viewerSeat', 'disabledAgent', 'otherAgencyOwner', 'otherAgent', 'ownAgent', 'owner'] as const;
type Caller = (typeof CALLERS)[number];
type Expect = Record<Caller, number>;

/** What one request needs: the place it is about (owned by ownAgent) and the ids around it. */
interface Fixture {
  placeId: string;
  sessionId: string;
  invitationId: string;
  agentId: string;
}
interface Row {
  /** The request to send: path with ids filled in, optional JSON or raw body. */
  request(f: Fixture): { path: string; json?: unknown; raw?: BodyInit };
  expect: Expect;
  /** The error code a refused caller's 404 carries (it must look exactly like a missing thing). */
  hiddenAs?: string;
  /** The fixture needs a live session started by ownAgent. */
  session?: true;
  /** The fixture needs a pending invitation of agency 1 (few: an agency may have only so many). */
  invitation?: true;
  /** The place is a museum with the exhibit "vase". */
  museum?: true;
  /** The place is a show with the angles "stage", "wide-360" and "cdn". */
  show?: true;
}

const signedOut = { anonymous: 401, viewerSeat: 401, disabledAgent: 401 } as const;
/** A route about one place: its agent and the agency's owner may; anyone else sees no such place. */
const placeRoute = (ok: number): Expect => ({ ...signedOut, otherAgencyOwner: 404, otherAgent: 404, ownAgent: ok, owner: ok });
/** A route any enabled host may call about themselves. */
const anyHost = (ok: number): Expect => ({ ...signedOut, otherAgencyOwner: ok, otherAgent: ok, ownAgent: ok, owner: ok });
/** The owner's team, about agency 1's ids: another owner sees no such id, agents are refused. */
const teamRoute = (ok: number, otherOwner: number): Expect => ({ ...signedOut, otherAgencyOwner: otherOwner, otherAgent: 403, ownAgent: 403, owner: ok });

const TOMORROW = new Date(Date.now() + 86_400_000).toISOString();
const TICKET = 'ABCDE-FGHJK-MNPQR-STVWX';

const ROWS: Record<string, Row> = {
  'GET /api/host/me': { request: () => ({ path: '/api/host/me' }), expect: anyHost(200) },
  // Each host's own profile ("me"): there is no id to reach another's.
  'GET /api/host/profile': { request: () => ({ path: '/api/host/profile' }), expect: anyHost(200) },
  'PUT /api/host/profile': { request: () => ({ path: '/api/host/profile', json: { phone: '+86 138 0013 8000' } }), expect: anyHost(200) },
  'PUT /api/host/profile/photo': { request: () => ({ path: '/api/host/profile/photo', raw: new Blob(['not an image at all']) }), expect: anyHost(415) },
  'PUT /api/host/profile/wechat-qr': { request: () => ({ path: '/api/host/profile/wechat-qr', raw: new Blob(['not an image at all']) }), expect: anyHost(415) },
  'DELETE /api/host/profile/photo': { request: () => ({ path: '/api/host/profile/photo' }), expect: anyHost(200) },
  'DELETE /api/host/profile/wechat-qr': { request: () => ({ path: '/api/host/profile/wechat-qr' }), expect: anyHost(200) },
  'GET /api/host/places': { request: () => ({ path: '/api/host/places' }), expect: anyHost(200) },
  'POST /api/host/places': { request: () => ({ path: '/api/host/places', json: { title: 'New flat', kind: 'home' } }), expect: anyHost(201) },
  'GET /api/host/places/:id': { request: (f) => ({ path: `/api/host/places/${f.placeId}` }), expect: placeRoute(200) },
  'PATCH /api/host/places/:id': { request: (f) => ({ path: `/api/host/places/${f.placeId}`, json: { title: 'Renamed' } }), expect: placeRoute(200) },
  'DELETE /api/host/places/:id': { request: (f) => ({ path: `/api/host/places/${f.placeId}` }), expect: placeRoute(204) },
  // No photo attached: passing the ownership check is what the 400 shows.
  'POST /api/host/places/:id/scenes': { request: (f) => ({ path: `/api/host/places/${f.placeId}/scenes`, raw: new FormData() }), expect: placeRoute(400) },
  'PATCH /api/host/places/:id/scenes/:sceneId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/scenes/kitchen`, json: { name: 'Galley' } }), expect: placeRoute(200) },
  'DELETE /api/host/places/:id/scenes/:sceneId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/scenes/bath` }), expect: placeRoute(204) },
  'PUT /api/host/places/:id/floorplan-image': { request: (f) => ({ path: `/api/host/places/${f.placeId}/floorplan-image`, raw: new Blob(['not an image at all']) }), expect: placeRoute(415) },
  'PUT /api/host/places/:id/dollhouse': { request: (f) => ({ path: `/api/host/places/${f.placeId}/dollhouse`, raw: new Blob(['not a glb, but long enough']) }), expect: placeRoute(415) },
  // No file attached: passing the ownership check (and the museum check) is what the 400 shows.
  'POST /api/host/places/:id/exhibits': { request: (f) => ({ path: `/api/host/places/${f.placeId}/exhibits`, raw: new FormData() }), expect: placeRoute(400), museum: true },
  'PUT /api/host/places/:id/exhibits/:exhibitId/model': { request: (f) => ({ path: `/api/host/places/${f.placeId}/exhibits/vase/model`, raw: new FormData() }), expect: placeRoute(400), museum: true },
  'PATCH /api/host/places/:id/exhibits/:exhibitId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/exhibits/vase`, json: { title: 'Jar' } }), expect: placeRoute(200), museum: true },
  'POST /api/host/places/:id/exhibits/:exhibitId/media': { request: (f) => ({ path: `/api/host/places/${f.placeId}/exhibits/vase/media`, raw: new FormData() }), expect: placeRoute(400), museum: true },
  'PUT /api/host/places/:id/show': { request: (f) => ({ path: `/api/host/places/${f.placeId}/show`, json: { slowLive: true } }), expect: placeRoute(200), show: true },
  'PATCH /api/host/places/:id/show': { request: (f) => ({ path: `/api/host/places/${f.placeId}/show`, json: { status: 'ended' } }), expect: placeRoute(200), show: true },
  'POST /api/host/places/:id/show/angles': { request: (f) => ({ path: `/api/host/places/${f.placeId}/show/angles`, json: { label: 'Aisle', projection: 'flat', source: { kind: 'published' } } }), expect: placeRoute(201), show: true },
  'PUT /api/host/places/:id/show/angles/:angleId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/show/angles/stage`, json: { label: 'Stage', projection: 'flat', source: { kind: 'published' } } }), expect: placeRoute(200), show: true },
  'PATCH /api/host/places/:id/show/angles/:angleId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/show/angles/stage`, json: { offsetMs: 200 } }), expect: placeRoute(200), show: true },
  'DELETE /api/host/places/:id/show/angles/:angleId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/show/angles/stage` }), expect: placeRoute(200), show: true },
  'DELETE /api/host/places/:id/exhibits/:exhibitId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/exhibits/vase` }), expect: placeRoute(204), museum: true },
  'GET /api/host/places/:id/slots': { request: (f) => ({ path: `/api/host/places/${f.placeId}/slots` }), expect: placeRoute(200) },
  'POST /api/host/places/:id/slots': {
    request: (f) => ({ path: `/api/host/places/${f.placeId}/slots`, json: { start: TOMORROW, durationMinutes: 30, capacity: 4 } }),
    expect: placeRoute(201),
  },
  'POST /api/host/places/:id/slots/weekly': {
    request: (f) => ({ path: `/api/host/places/${f.placeId}/slots/weekly`, json: { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], times: ['10:00'], weeks: 1, durationMinutes: 30, capacity: 4 } }),
    expect: placeRoute(201),
  },
  // The slot does not exist: the agent and owner learn that (slot_not_found); others only that the place is not theirs.
  'DELETE /api/host/places/:id/slots/:slotId': { request: (f) => ({ path: `/api/host/places/${f.placeId}/slots/no-such-slot` }), expect: placeRoute(404) },
  'GET /api/host/places/:id/bookings': { request: (f) => ({ path: `/api/host/places/${f.placeId}/bookings` }), expect: placeRoute(200) },
  'POST /api/host/places/:id/bookings/:code/cancel': { request: (f) => ({ path: `/api/host/places/${f.placeId}/bookings/${TICKET}/cancel` }), expect: placeRoute(404) },
  'POST /api/host/checkin': { request: (f) => ({ path: '/api/host/checkin', json: { placeId: f.placeId, code: TICKET } }), expect: placeRoute(404) },
  'GET /api/host/places/:id/feedback': { request: (f) => ({ path: `/api/host/places/${f.placeId}/feedback` }), expect: placeRoute(200) },
  'GET /api/host/places/:id/funnel': { request: (f) => ({ path: `/api/host/places/${f.placeId}/funnel` }), expect: placeRoute(200) },
  'POST /api/sessions': { request: (f) => ({ path: '/api/sessions', json: { placeId: f.placeId } }), expect: placeRoute(201) },
  // The agent who started it, or the agency's owner (who manages the place), may end a session.
  'DELETE /api/sessions/:id': {
    request: (f) => ({ path: `/api/sessions/${f.sessionId}` }),
    expect: placeRoute(204),
    hiddenAs: 'session_not_found',
    session: true,
  },
  'GET /api/host/team': { request: () => ({ path: '/api/host/team' }), expect: teamRoute(200, 200) },
  'POST /api/host/team/invitations': { request: () => ({ path: '/api/host/team/invitations', json: {} }), expect: teamRoute(201, 201) },
  'DELETE /api/host/team/invitations/:id': { request: (f) => ({ path: `/api/host/team/invitations/${f.invitationId}` }), expect: teamRoute(204, 404), hiddenAs: 'invitation_not_found', invitation: true },
  // Enabling an enabled agent changes nothing, so every caller meets the same agent.
  'PATCH /api/host/team/agents/:id': { request: (f) => ({ path: `/api/host/team/agents/${f.agentId}`, json: { disabled: false } }), expect: teamRoute(200, 404), hiddenAs: 'agent_not_found' },
};

/** Routes anyone may call, each with why; a host token changes nothing on them. */
const PUBLIC: Record<string, string> = {
  'GET /api/health': 'load balancers',
  'POST /api/csp-report': 'browsers report CSP violations without credentials',
  'GET /api/places': 'the public catalogue',
  'GET /api/places/:id': 'a published listing',
  'GET /api/places/:id/moments': "a show's replay: every party's reactions, a party's chat only with its join code",
  'POST /api/auth/login': 'signing in',
  'GET /api/auth/invitations/:token': 'the invitation page, before the agent has an account',
  'POST /api/auth/invitations/:token': 'redeeming an invitation creates the account',
  'GET /api/sessions/by-code/:code': 'viewers find a session by its code',
  'POST /api/sessions/:id/join': 'viewers take a seat by name',
  'POST /api/sessions/:id/voice-token': 'a seat token or host key, not a host account',
  'GET /api/places/:id/slots': 'visitors see free visit times',
  'POST /api/places/:id/slots': 'the same, for a batch of places',
  'POST /api/bookings': 'visitors book',
  'GET /api/bookings/manage/:token': 'the visitor’s manage link',
  'POST /api/bookings/manage/:token/cancel': 'the visitor’s manage link',
  'POST /api/bookings/manage/:token/reschedule': 'the visitor’s manage link',
  'POST /api/bookings/manage/:token/feedback': 'the visitor’s manage link',
  'GET /api/bookings/:code': 'the ticket page',
  'GET /api/bookings/:code/ticket.ics': 'the ticket page',
  'GET /api/bookings/:code/qr.svg': 'the ticket page',
  'GET /api/bookings/:code/qr.png': 'the ticket page',
  'POST /api/events': 'tour analytics from visitors',
  'GET /tiles/*': 'published tiles',
  'GET /agents/:hostId/:file': "an agent's profile photo and WeChat QR, shown on their public listings",
  'GET /live/:placeId/:angleId/:file': "a published show's live window, like its tiles",
};

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let sessions: SessionService;
let app: ReturnType<typeof createApp>;
const tokens = {} as Record<Caller, string | null>;
let owner: Host;
let ownAgent: Host;
let otherAgent: Host;
let unique = 0;

const send = (method: string, path: string, token: string | null, body?: { json?: unknown; raw?: BodyInit }) => {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let payload: BodyInit | undefined = body?.raw;
  if (body?.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  }
  return app.request(path, { method, headers, body: payload });
};

async function agentOf(agencyOwner: Host, name: string): Promise<Host> {
  const { token } = await deps.hosts.createInvitation({ agencyId: agencyOwner.agencyId, createdBy: agencyOwner.id, ttlMs: 3_600_000 });
  const r = await deps.hosts.redeemInvitation(token, { email: `${name.toLowerCase()}@agency.test`, name, password: `pw-${name}-12345` });
  if (!r.ok) throw new Error(`invitation for ${name}: ${r.problem}`);
  return r.host;
}

async function fixture(row: Row): Promise<Fixture> {
  const placeId = `matrix-${++unique}`;
  await deps.places.put(samplePlace(placeId, { hostId: ownAgent.id, published: true, ...(row.museum && { kind: 'museum' as const, exhibits: [sampleExhibit('vase')] }), ...(row.show && { kind: 'show' as const, show: sampleShow() }) }));
  let sessionId = 'no-session';
  if (row.session) {
    const res = await send('POST', '/api/sessions', tokens.ownAgent, { json: { placeId } });
    sessionId = ((await res.json()) as { id: string }).id;
  }
  let invitationId = 'no-invitation';
  if (row.invitation) invitationId = (await deps.hosts.createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: 3_600_000 })).invitation.id;
  return { placeId, sessionId, invitationId, agentId: otherAgent.id };
}

/** Method and path of every route the app answers, middleware-only entries included (sorted out below). */
const routeKeys = () => [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();

beforeAll(async () => {
  deps = await createTestDeps();
  sessions = await createSessionService({ places: deps.places, secret: Buffer.alloc(32, 9), db: deps.db, log: () => {} });
  app = createApp({ ...deps, sessions, assetBaseUrl: '' });
  owner = await deps.hosts.create({ email: 'owner@agency.test', name: 'Olga', password: 'pw-olga-12345' });
  ownAgent = await agentOf(owner, 'Ada');
  otherAgent = await agentOf(owner, 'Ben');
  const disabled = await agentOf(owner, 'Dee');
  const stranger = await deps.hosts.create({ email: 'owner@elsewhere.test', name: 'Xavier', password: 'pw-xavier-123' });
  const sign = (h: Host) => deps.signer.sign(h.id, 3600).token;
  Object.assign(tokens, { anonymous: null, disabledAgent: sign(disabled), otherAgencyOwner: sign(stranger), otherAgent: sign(otherAgent), ownAgent: sign(ownAgent), owner: sign(owner) });
  // Disabled after its token was issued: the token must stop working at once.
  await deps.hosts.setDisabled(owner.agencyId, disabled.id, true);
  // A viewer's seat token, signed by the same server, in a session of ownAgent's place.
  const f = await fixture({ request: () => ({ path: '' }), expect: anyHost(200), session: true });
  const join = await send('POST', `/api/sessions/${f.sessionId}/join`, null, { json: { name: 'Viewer' } });
  tokens.viewerSeat = ((await join.json()) as { token: string }).token;
  expect(tokens.viewerSeat).toMatch(/^v1\./);
}, 60_000);
afterAll(async () => {
  await sessions?.close();
  await deps?.cleanup();
});

describe('authorization matrix', () => {
  it('every route of the app has a row (host routes) or a reason to be public, and no row names a route that is gone', async () => {
    const f = await fixture({ request: () => ({ path: '' }), expect: anyHost(200) });
    const missing: string[] = [];
    for (const key of routeKeys()) {
      if (key in ROWS || key in PUBLIC) continue;
      // Middleware registered for a method with no handler of its own (the per-place lock on PUT
      // /places/:id, say) falls through to the API's "no route" answer: not a route.
      const [method, pattern] = key.split(' ');
      const path = pattern.replace(':id', f.placeId).replace(/:(\w+)/g, 'x').replace('*', 'x');
      const res = await send(method, path, tokens.owner, method === 'GET' || method === 'HEAD' ? undefined : { json: {} });
      const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
      if (res.status === 404 && body.error === 'not_found' && (body.message ?? '').startsWith('No API route')) continue;
      missing.push(key);
    }
    expect(missing, 'routes without a row in authMatrix.test.ts: decide who may call each and add it').toEqual([]);
    const keys = new Set(routeKeys());
    expect(Object.keys({ ...ROWS, ...PUBLIC }).filter((k) => !keys.has(k)), 'rows for routes the app no longer has').toEqual([]);
  });

  for (const [key, row] of Object.entries(ROWS)) {
    const [method] = key.split(' ');
    it(key, async () => {
      const got = {} as Record<Caller, number>;
      for (const caller of CALLERS) {
        // A fresh place (and ids) per caller: an allowed DELETE must not change what the next caller meets.
        const f = await fixture(row);
        const req = row.request(f);
        const res = await send(method, req.path, tokens[caller], req);
        got[caller] = res.status;
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        const denied = row.expect[caller] === 404 && (caller === 'otherAgencyOwner' || caller === 'otherAgent');
        if (res.status === 404 && denied) expect(body?.error, `${caller}: a refusal must look like a missing thing`).toBe(row.hiddenAs ?? 'place_not_found');
        if (res.status === 404 && !denied) expect(body?.error, `${caller}: allowed, so the 404 is about the missing sub-resource`).not.toBe(row.hiddenAs ?? 'place_not_found');
      }
      expect(got).toEqual(row.expect);
    }, 30_000);
  }
});
