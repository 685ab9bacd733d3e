import { createMiddleware } from 'hono/factory';
import { ApiError } from '../http/ApiError.ts';
import type { HostEnv } from './requireHost.ts';

/** Behind requireHost: only the agency's owner passes; an agent gets 403 with the reason. */
export const requireOwner = createMiddleware<HostEnv>(async (c, next) => {
  const host = c.get('host');
  if (!host) throw new ApiError(401, 'unauthenticated', 'Sign in as a host first (Authorization: Bearer <token>).');
  if (host.role !== 'owner') throw new ApiError(403, 'owner_only', "Only your agency's owner can manage the team.");
  await next();
});
