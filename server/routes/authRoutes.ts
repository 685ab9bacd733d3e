import { Hono } from 'hono';
import { invitationRedeemBodySchema, loginBodySchema, type InvitationInfo, type LoginResult } from '../protocol/index.ts';
import type { Host, HostStore, InvitationProblem } from '../db/createHostStore.ts';
import { EmailTakenError } from '../db/EmailTakenError.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { createRateLimiter } from '../auth/createRateLimiter.ts';
import { ApiError } from '../http/ApiError.ts';
import { clientKey } from '../http/clientKey.ts';
import { readJsonBody } from '../http/readJsonBody.ts';

const TOKEN_TTL_S = 30 * 24 * 3600;
/** Invitation tokens are 32 random bytes in base64url; anything else is not worth a query. */
const INVITATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const INVITATION_PROBLEMS: Record<InvitationProblem, { status: 404 | 410; message: string }> = {
  invalid: { status: 404, message: 'This invitation link is not valid; ask your agency for a new one.' },
  expired: { status: 410, message: 'This invitation link has expired; ask your agency for a new one.' },
  revoked: { status: 410, message: 'This invitation was withdrawn; ask your agency for a new one.' },
  used: { status: 410, message: 'This invitation link has already been used; sign in instead, or ask for a new one.' },
};

/**
 * Host sign-in (email + password → a signed token) and the public side of invitations: look
 * at a link, and redeem it as a new agent who is signed in at once. Attempts are rate-limited per address.
 */
export function authRoutes(deps: { hosts: HostStore; signer: TokenSigner }) {
  const app = new Hono();
  const limiter = createRateLimiter({ burst: 10, perSecond: 0.2 });
  const invitationLimiter = createRateLimiter({ burst: 20, perSecond: 0.5 });
  const tooMany = () => new ApiError(429, 'rate_limited', 'Too many attempts; wait a minute and try again.');
  const signedIn = (host: Host): LoginResult => {
    const { token, expiresAt } = deps.signer.sign(host.id, TOKEN_TTL_S);
    return { token, expiresAt: expiresAt.toISOString(), host: { id: host.id, email: host.email, name: host.name, role: host.role } };
  };
  const invitationProblem = (problem: InvitationProblem) =>
    new ApiError(INVITATION_PROBLEMS[problem].status, `invitation_${problem}`, INVITATION_PROBLEMS[problem].message);

  app.post('/login', async (c) => {
    if (!limiter.take(clientKey(c))) throw new ApiError(429, 'rate_limited', 'Too many sign-in attempts; wait a minute and try again.');
    const body = await readJsonBody(c, loginBodySchema);
    const host = await deps.hosts.verify(body.email, body.password);
    if (!host) throw new ApiError(401, 'bad_credentials', 'That email and password do not match a host account.');
    // Said only after the password matched, so it reveals nothing to someone guessing.
    if (host.disabledAt) throw new ApiError(403, 'account_disabled', "This account has been disabled by your agency's owner.");
    return c.json(signedIn(host));
  });

  app.get('/invitations/:token', async (c) => {
    if (!invitationLimiter.take(clientKey(c))) throw tooMany();
    const token = c.req.param('token');
    const check = INVITATION_TOKEN.test(token) ? await deps.hosts.checkInvitation(token) : ({ ok: false, problem: 'invalid' } as const);
    if (!check.ok) throw invitationProblem(check.problem);
    const info: InvitationInfo = { agencyName: check.agencyName, invitedBy: check.invitedBy, expiresAt: check.invitation.expiresAt.toISOString() };
    return c.json(info, 200, { 'cache-control': 'no-store' });
  });

  app.post('/invitations/:token', async (c) => {
    if (!invitationLimiter.take(clientKey(c))) throw tooMany();
    const token = c.req.param('token');
    const body = await readJsonBody(c, invitationRedeemBodySchema);
    if (!INVITATION_TOKEN.test(token)) throw invitationProblem('invalid');
    try {
      const r = await deps.hosts.redeemInvitation(token, body);
      if (!r.ok) throw invitationProblem(r.problem);
      return c.json(signedIn(r.host), 201);
    } catch (e) {
      if (e instanceof EmailTakenError) throw new ApiError(409, 'email_taken', 'A host account already uses this email; use another, or sign in with it.');
      throw e;
    }
  });
  return app;
}
