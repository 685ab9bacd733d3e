import { createMiddleware } from 'hono/factory';
import type { Host, HostStore } from '../db/createHostStore.ts';
import { apiError } from '../routes/apiError.ts';
import type { TokenSigner } from './createTokenSigner.ts';

export type HostEnv = { Variables: { host: Host } };

/** Every /api/host route: a valid Bearer token of an existing host, or 401 with the reason. */
export function requireHost(signer: TokenSigner, hosts: HostStore) {
  return createMiddleware<HostEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return apiError(c, 401, 'unauthenticated', 'Sign in as a host first (Authorization: Bearer <token>).');
    const claims = signer.verify(m[1]);
    if (!claims) return apiError(c, 401, 'invalid_token', 'Your sign-in has expired or is invalid; please sign in again.');
    const host = await hosts.get(claims.sub);
    if (!host) return apiError(c, 401, 'invalid_token', 'This host account no longer exists.');
    c.set('host', host);
    await next();
  });
}
