import { createMiddleware } from 'hono/factory';
import { hasUntypeableChar } from '../protocol/idSchema.ts';
import { ApiError } from './ApiError.ts';

/** No id, code, token or page name in this app is longer; a longer path is not ours. */
const MAX_PATH = 2048;

/** Why `raw` (one path segment or query value, %-encoded) is not usable text, or null. */
function problem(raw: string): 'escape' | 'text' | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return 'escape';
  }
  // NUL cannot even be stored in Postgres; a decoded CR/LF once forged a log line.
  return hasUntypeableChar(decoded) ? 'text' : null;
}

/**
 * Refuses, before any route runs, a path or query no route could use: a malformed %-escape,
 * NUL or another control character (a CR/LF once forged a log line), a %-encoded lone
 * surrogate, or a path over 2 KiB. Every path parameter and query value is then plain text,
 * so no handler, database query or log line ever meets one. Pages get the same 400 as the API.
 */
export function guardRequestText() {
  return createMiddleware(async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const q = url.indexOf('?', start);
    const rawPath = url.slice(start, q < 0 ? undefined : q);
    if (rawPath.length > MAX_PATH) throw new ApiError(414, 'path_too_long', `The address is over ${MAX_PATH} characters; no page or API path is that long.`);
    for (const segment of rawPath.split('/')) {
      const p = segment && problem(segment);
      if (p === 'escape') throw new ApiError(400, 'invalid_path', 'The address has a broken %-escape; check that the whole link was copied.');
      if (p === 'text') throw new ApiError(400, 'invalid_path', 'The address contains control or broken characters that no page or id has.');
    }
    // Queries feed API handlers (dates, filters, ids); pages read theirs in the browser, which copes.
    if (q >= 0 && rawPath.startsWith('/api/')) {
      for (const pair of url.slice(q + 1).split('&')) {
        const p = pair && problem(pair);
        if (p === 'escape') throw new ApiError(400, 'invalid_query', 'The query has a broken %-escape; check that the whole link was copied.');
        if (p === 'text') throw new ApiError(400, 'invalid_query', 'The query contains control or broken characters; send plain text.');
      }
    }
    await next();
  });
}
