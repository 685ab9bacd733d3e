import type { Context } from 'hono';
import type { z } from 'zod';
import { apiError } from '../routes/apiError.ts';

/**
 * Reads a JSON body — whatever the content type, so `navigator.sendBeacon` can send
 * `text/plain` without a CORS preflight — and validates it. A bad body is a 400 that names
 * the first field and lists every problem (`issues`), so a form can mark all its fields at once.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes = 64 * 1024,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  const tooLarge = () => ({ ok: false as const, response: apiError(c, 413, 'too_large', `The request body is over ${maxBytes / 1024} KiB.`) });
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) return tooLarge();
  let raw: unknown;
  try {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > maxBytes) return tooLarge();
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.') };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.length ? i.path.join('.') : 'body', message: i.message }));
  const [first] = issues;
  return { ok: false, response: c.json({ error: 'invalid_body', message: `${first.field}: ${first.message}`, field: first.field, issues }, 400) };
}
