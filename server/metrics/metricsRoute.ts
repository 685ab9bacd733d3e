import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError } from '../http/ApiError.ts';
import type { Metrics } from './createMetrics.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics for Prometheus. Never public by accident: without METRICS_TOKEN it is off
 * (404), and with one it answers only `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined) {
  const want = token ? digest(token) : null;
  return async (c: Context) => {
    if (!want) throw new ApiError(404, 'metrics_off', 'Metrics are off on this server; set METRICS_TOKEN to turn them on.');
    const m = /^Bearer\s+(\S{1,512})$/i.exec(c.req.header('authorization') ?? '');
    // Compared as digests, in constant time: the token's length does not leak either.
    if (!m || !timingSafeEqual(digest(m[1]), want)) {
      c.header('www-authenticate', 'Bearer realm="metrics"');
      throw new ApiError(401, 'unauthorized', 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.');
    }
    return c.body(await metrics.render(), 200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  };
}
