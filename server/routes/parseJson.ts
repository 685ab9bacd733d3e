import type { Context } from 'hono';
import type { z } from 'zod';
import { apiError } from './apiError.ts';

const MAX_JSON_BYTES = 256 * 1024;

/**
 * Reads and validates a JSON body. Failures become a 400 (or 413) naming the field and
 * the problem — never a stack trace, never a partial write.
 */
export async function parseJson<T>(
  c: Context,
  schema: z.ZodType<T>,
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) return { ok: false, response: apiError(c, 413, 'too_large', `The request body is over ${MAX_JSON_BYTES / 1024} KiB.`) };
  let raw: unknown;
  try {
    const text = await c.req.text();
    if (text.length > MAX_JSON_BYTES) return { ok: false, response: apiError(c, 413, 'too_large', `The request body is over ${MAX_JSON_BYTES / 1024} KiB.`) };
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : 'body';
    return { ok: false, response: c.json({ error: 'invalid_body', message: `${field}: ${issue.message}`, field }, 400) };
  }
  return { ok: true, data: parsed.data };
}
