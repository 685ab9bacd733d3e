import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from '../log/createLogger.ts';
import type { Metrics } from '../metrics/createMetrics.ts';
import { textForLog } from '../protocol/text.ts';
import type { RequestEnv } from './RequestEnv.ts';

/** A caller's own request id is kept only when it is short and plain (it is echoed and logged). */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * One JSON log line per request — request id, method, path (made safe: a CR/LF in a path
 * must not start a forged line), status, ms — and its count in the metrics. The id is the
 * caller's `x-request-id` when plain, a fresh UUID otherwise, and is returned in the same header.
 */
export function requestLog(logger: Logger, metrics?: Metrics) {
  return createMiddleware<RequestEnv>(async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const reqId = given && CALLER_ID.test(given) ? given : randomUUID();
    c.set('requestId', reqId);
    await next();
    // Set on the response itself: c.header() after the handler makes Hono copy the response, and
    // behind @hono/node-server that copy starts from the handler's first headers, dropping what
    // the middleware inside this one (securityHeaders) set on it since.
    c.res.headers.set('x-request-id', reqId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    logger.info({ reqId, method: c.req.method, path: textForLog(c.req.path, 300), status, ms }, 'request');
    metrics?.httpRequest(c.req.method, routePath(c) || 'unmatched', status, ms / 1000);
  });
}
