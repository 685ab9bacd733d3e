import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { apiError } from '../routes/apiError.ts';

/**
 * The body as text, or null when it is over `maxBytes`. Under @hono/node-server (`c.env.incoming`)
 * it is read straight from Node's request: building the web Request and its stream just to read
 * a small JSON body cost more than the rest of a booking's JavaScript under load. Elsewhere
 * (app.request in tests, a forwarded Request) through the web Request as usual.
 */
async function bodyText(c: Context, maxBytes: number): Promise<string | null> {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  // Only a body nobody has started on; otherwise the web Request owns the stream.
  if (!(incoming instanceof IncomingMessage) || incoming.readableDidRead || incoming.readableEnded) {
    const text = await c.req.text();
    return Buffer.byteLength(text) > maxBytes ? null : text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep reading (the connection stays usable for the 413) but stop keeping.
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes ? null : Buffer.concat(chunks, size).toString('utf8');
}

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
    const text = await bodyText(c, maxBytes);
    if (text === null) return tooLarge();
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
