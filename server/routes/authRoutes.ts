import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { loginBodySchema } from '../protocol/index.ts';
import type { HostStore } from '../db/createHostStore.ts';
import type { TokenSigner } from '../auth/createTokenSigner.ts';
import { createRateLimiter } from '../auth/createRateLimiter.ts';
import { apiError } from './apiError.ts';
import { parseJson } from './parseJson.ts';

const TOKEN_TTL_S = 30 * 24 * 3600;

/** The caller's address for rate limits; tests through app.request have none. */
export function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** Host sign-in: email + password → a signed token. Attempts are rate-limited per address. */
export function authRoutes(deps: { hosts: HostStore; signer: TokenSigner }) {
  const app = new Hono();
  const limiter = createRateLimiter({ burst: 10, perSecond: 0.2 });
  app.post('/login', async (c) => {
    if (!limiter.take(clientKey(c))) return apiError(c, 429, 'rate_limited', 'Too many sign-in attempts; wait a minute and try again.');
    const body = await parseJson(c, loginBodySchema);
    if (!body.ok) return body.response;
    const host = await deps.hosts.verify(body.data.email, body.data.password);
    if (!host) return apiError(c, 401, 'bad_credentials', 'That email and password do not match a host account.');
    const { token, expiresAt } = deps.signer.sign(host.id, TOKEN_TTL_S);
    return c.json({ token, expiresAt: expiresAt.toISOString(), host: { id: host.id, email: host.email, name: host.name } });
  });
  return app;
}
