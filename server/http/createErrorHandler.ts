import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IngestError, type IngestErrorCode } from '../ingest/IngestError.ts';
import type { Logger } from '../log/createLogger.ts';
import { textForLog } from '../protocol/text.ts';
import { ApiError } from './ApiError.ts';

const INGEST_STATUS: Record<IngestErrorCode, ContentfulStatusCode> = {
  missing: 400,
  'not-image': 415,
  corrupt: 422,
  'too-large': 413,
  'not-equirect': 422,
  'not-gltf': 415,
  name_taken: 409,
  place_not_found: 404,
};

/** The JSON every refusal is answered with. */
export function errorBody(e: ApiError) {
  return { error: e.code, message: e.message, ...(e.field && { field: e.field }), ...e.details };
}

/** Maps what a handler threw to an ApiError, or null for a real failure (a bug, a lost database). */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof IngestError) return new ApiError(INGEST_STATUS[err.code], err.code, err.message.replace(/^Vantage: /, ''));
  // A malformed %-escape in a path or query, decoded by a handler.
  if (err instanceof URIError) return new ApiError(400, 'invalid_path', 'The address has a broken %-escape; check that the whole link was copied.');
  if (err instanceof HTTPException && err.status < 500) return new ApiError(err.status as ContentfulStatusCode, 'bad_request', err.message || 'The request was refused.');
  return null;
}

/**
 * The app's one `onError`: an expected refusal becomes its JSON answer and no log line of
 * its own (the request line records it); anything else is a 500 with one sentence for the
 * caller and the stack for the operator.
 */
export function createErrorHandler(logger: Logger) {
  return (err: unknown, c: Context): Response => {
    const known = toApiError(err);
    // A browser opening a page gets the sentence as text; programs (and every API path) get JSON.
    if (known && !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html')) return c.text(known.message, known.status);
    // A refusal that says when to come back (a full ingest queue) says it in the standard header too.
    const retryAfter = typeof known?.details.retryAfter === 'number' ? { 'retry-after': String(known.details.retryAfter) } : undefined;
    if (known) return c.json(errorBody(known), known.status, retryAfter);
    logger.error(
      { err, reqId: (c.get('requestId' as never) as string | undefined) ?? null, method: c.req.method, path: textForLog(c.req.path) },
      'Vantage: unhandled error',
    );
    return c.json({ error: 'internal', message: 'Something went wrong on our side; please try again.' }, 500);
  };
}
