import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createErrorHandler } from '../../../server/http/createErrorHandler.ts';
import { readJsonBody } from '../../../server/http/readJsonBody.ts';
import { createLogger } from '../../../server/log/createLogger.ts';

const app = new Hono().post('/echo', async (c) => {
  const body = await readJsonBody(c, z.object({ name: z.string().min(1) }), 1024);
  // Whether the web Request's body was used: not on the fast path, which reads Node's request.
  return c.json(body, 200, { 'x-web-body-used': String(c.req.raw.bodyUsed) });
});
app.onError(createErrorHandler(createLogger({ level: 'warn' })));
let server: ServerType;
let base: string;
beforeAll(async () => {
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** A body sent in chunks without content-length, so only reading it can tell its size. */
const chunked = (text: string) =>
  new ReadableStream({
    start(controller) {
      for (let i = 0; i < text.length; i += 300) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 300)));
      controller.close();
    },
  });

// Over real HTTP the body is read from Node's request (the fast path); through app.request
// from the web Request. Both must answer the same.
const transports = {
  'node-server': (init: RequestInit) => fetch(`${base}/echo`, { method: 'POST', ...init, duplex: 'half' } as RequestInit),
  'web Request': (init: RequestInit) => app.request('/echo', { method: 'POST', ...init, duplex: 'half' } as RequestInit),
};

for (const [name, send] of Object.entries(transports)) {
  describe(`readJsonBody via ${name}`, () => {
    it('parses and validates a JSON body, whatever its content type', async () => {
      const res = await send({ body: JSON.stringify({ name: 'Li Lei 李雷' }), headers: { 'content-type': 'text/plain' } });
      expect([res.status, await res.json()]).toEqual([200, { name: 'Li Lei 李雷' }]);
      expect(res.headers.get('x-web-body-used')).toBe(String(name === 'web Request'));
    });

    it('names the field of a body that fails the schema, and says when it is not JSON', async () => {
      const bad = await send({ body: JSON.stringify({ name: '' }) });
      expect([bad.status, await bad.json()]).toEqual([400, expect.objectContaining({ error: 'invalid_body', field: 'name' })]);
      const notJson = await send({ body: '{"name": ' });
      expect([notJson.status, (await notJson.json()).error]).toEqual([400, 'invalid_json']);
    });

    it('refuses a body over the limit, announced or streamed', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(2000) });
      const announced = await send({ body: big });
      expect([announced.status, (await announced.json()).error]).toEqual([413, 'too_large']);
      const streamed = await send({ body: chunked(big) });
      expect([streamed.status, (await streamed.json()).error]).toEqual([413, 'too_large']);
      const small = await send({ body: chunked(JSON.stringify({ name: 'y'.repeat(500) })) });
      expect(small.status).toBe(200);
    });
  });
}
