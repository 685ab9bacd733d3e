import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/ApiError.ts';
import { INGEST_RETRY_AFTER_SECONDS } from './ingestSlotFor.ts';

/**
 * Adds Retry-After to the 503 an upload gets when the ingest queue is full (ingestSlotFor):
 * app.onError words the refusal, this middleware, around the route, adds the header.
 */
export const retryAfterWhenBusy: MiddlewareHandler = async (c, next) => {
  await next();
  if (!(c.error instanceof ApiError && c.error.status === 503 && c.error.code === 'busy')) return;
  // A new answer rather than a header set on the old one: @hono/node-server's light Response
  // drops headers set on it once a later middleware copies it (requestLog's c.header does).
  const headers = new Headers(c.res.headers);
  headers.set('Retry-After', String(INGEST_RETRY_AFTER_SECONDS));
  c.res = new Response(c.res.body, { status: c.res.status, headers });
};
