import type { Context } from 'hono';
import { ApiError } from '../http/ApiError.ts';

/** An optional ISO date-time (or date) query parameter; a ApiError naming it when malformed. */
export function timeQuery(c: Context, name: string): Date | undefined {
  const v = c.req.query(name);
  if (v === undefined || v === '') return undefined;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) {
    throw new ApiError(400, 'invalid_query', `${name}: use an ISO date or date-time, e.g. 2026-06-01T00:00:00+08:00.`, name);
  }
  return new Date(t);
}
