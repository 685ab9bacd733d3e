import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './ApiError.ts';

/** The default body limit; routes that take more say so (place edits with many hotspots). */
export const DEFAULT_JSON_BYTES = 64 * 1024;

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
 * The server's one JSON-body reader. Reads the body — whatever the content type, so
 * `navigator.sendBeacon` can send `text/plain` without a CORS preflight — and validates it.
 * Throws an ApiError: 413 over `maxBytes`, 400 for JSON that does not parse, and 400
 * `invalid_body` naming the first field and listing every problem (`issues`), so a form can
 * mark all its fields at once.
 */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S, maxBytes = DEFAULT_JSON_BYTES): Promise<z.output<S>> {
  const tooLarge = () => new ApiError(413, 'too_large', `The request body is over ${maxBytes / 1024} KiB.`);
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
  let text: string | null;
  try {
    text = await bodyText(c, maxBytes);
  } catch {
    throw new ApiError(400, 'invalid_body', 'The request body could not be read; send it again.');
  }
  if (text === null) throw tooLarge();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.length ? i.path.join('.') : 'body', message: i.message }));
  const [first] = issues;
  throw new ApiError(400, 'invalid_body', `${first.field}: ${first.message}`, first.field, { issues });
}
