import { createMiddleware } from 'hono/factory';
import type { Host, HostStore } from '../db/createHostStore.ts';
import { ApiError } from '../http/ApiError.ts';
import type { TokenSigner } from './createTokenSigner.ts';

export type HostEnv = { Variables: { host: Host } };

/** Every /api/host route: a valid Bearer token of an existing, enabled host, or 401 with the reason. */
export function requireHost(signer: TokenSigner, hosts: HostStore) {
  return createMiddleware<HostEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new ApiError(401, 'unauthenticated', 'Sign in as a host first (Authorization: Bearer <token>).');
    const claims = signer.verify(m[1]);
    if (!claims) throw new ApiError(401, 'invalid_token', 'Your sign-in has expired or is invalid; please sign in again.');
    const host = await hosts.get(claims.sub);
    if (!host) throw new ApiError(401, 'invalid_token', 'This host account no longer exists.');
    // Checked on every request, so disabling an agent ends their signed-in sessions at once.
    if (host.disabledAt) throw new ApiError(401, 'account_disabled', "This account has been disabled by your agency's owner.");
    c.set('host', host);
    await next();
  });
}
