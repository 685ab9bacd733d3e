import { Hono } from 'hono';
import { requireOwner } from '../auth/requireOwner.ts';
import type { HostEnv } from '../auth/requireHost.ts';
import type { Host, HostStore, Invitation } from '../db/createHostStore.ts';
import { agentPatchSchema, type InvitationCreated, type PendingInvitation, type Team, type TeamMember } from '../protocol/index.ts';
import { ApiError } from '../http/ApiError.ts';
import { readJsonBody } from '../http/readJsonBody.ts';
import type { SessionService } from '../sessions/createSessionService.ts';

/** How long an invitation link works: long enough for a weekend, short enough that a forwarded old link is dead. */
const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Pending invitations per agency: enough for a hiring round, not a token mint. */
const MAX_PENDING = 50;
/** Ids are UUIDs; anything else (a NUL, a path) is answered as missing without a query. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const toMember = (h: Host): TeamMember => ({ id: h.id, name: h.name, email: h.email, role: h.role, disabled: h.disabledAt !== null });
const toPending = (i: Invitation): PendingInvitation => ({ id: i.id, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() });

/**
 * The owner's team, mounted at `/api/host/team` behind requireHost: who is in the agency,
 * invitations (create, list pending, revoke) and disabling agents. Agents get 403; another
 * agency's ids answer exactly like missing ones.
 */
export function teamRoutes(deps: { hosts: HostStore; sessions?: SessionService }) {
  const app = new Hono<HostEnv>();
  app.use('*', requireOwner);

  app.get('/', async (c) => {
    const { agencyId } = c.get('host');
    const [members, invitations] = await Promise.all([deps.hosts.listAgency(agencyId), deps.hosts.listPendingInvitations(agencyId)]);
    const team: Team = { members: members.map(toMember), invitations: invitations.map(toPending) };
    return c.json(team, 200, { 'cache-control': 'no-store' });
  });

  app.post('/invitations', async (c) => {
    const owner = c.get('host');
    if ((await deps.hosts.listPendingInvitations(owner.agencyId)).length >= MAX_PENDING)
      throw new ApiError(409, 'too_many_invitations', `You have ${MAX_PENDING} pending invitations; revoke some before inviting more.`);
    const { invitation, token } = await deps.hosts.createInvitation({ agencyId: owner.agencyId, createdBy: owner.id, ttlMs: INVITATION_TTL_MS });
    const created: InvitationCreated = { ...toPending(invitation), path: `/host/invite/${token}` };
    return c.json(created, 201, { 'cache-control': 'no-store' });
  });

  app.delete('/invitations/:id', async (c) => {
    const id = c.req.param('id');
    const ok = UUID.test(id) && (await deps.hosts.revokeInvitation(c.get('host').agencyId, id));
    if (!ok) throw new ApiError(404, 'invitation_not_found', 'You have no pending invitation with that id.');
    return c.body(null, 204);
  });

  app.patch('/agents/:id', async (c) => {
    const body = await readJsonBody(c, agentPatchSchema);
    const id = c.req.param('id');
    const agent = UUID.test(id) ? await deps.hosts.setDisabled(c.get('host').agencyId, id, body.disabled) : null;
    if (!agent) throw new ApiError(404, 'agent_not_found', 'You have no agent with that id.');
    // Their REST sign-in stops at the next request (requireHost); their live sessions end now
    // here, and at the next sweep on any other instance (SessionHub's hostActive).
    if (agent.disabledAt) await deps.sessions?.hub.endSessionsOf(agent.id);
    return c.json(toMember(agent));
  });
  return app;
}
