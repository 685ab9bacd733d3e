import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFile } from '../../../server/static/serveFile.ts';

// Over a real socket, as `npm start` serves: app.request does not pass @hono/node-server's
// response handling, where a header set after the handler (the request log does) copies the response.
let dir: string;
let server: ServerType;
let base: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-serve-node-'));
  await writeFile(path.join(dir, 'model.usdz'), 'PK\x03\x04 a usdz');
  await writeFile(path.join(dir, 'model.bin'), 'bytes');
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('x-request-id', 'r1');
  });
  app.get('/files/:name', async (c) => {
    const res = await serveFile(dir, c.req.param('name'), 'no-cache');
    if (!res) return c.notFound();
    // What a caller does to a file response: its own type for a kind of file, a policy header.
    if (c.req.param('name').endsWith('.bin')) res.headers.set('content-type', 'model/vnd.usdz+zip');
    res.headers.set('content-security-policy', "default-src 'none'");
    return res;
  });
  await new Promise<void>((r) => (server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r())));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('serveFile behind @hono/node-server', () => {
  it('serves a USDZ as model/vnd.usdz+zip, for iOS Quick Look', async () => {
    const res = await fetch(`${base}/files/model.usdz`);
    expect(res.headers.get('content-type')).toBe('model/vnd.usdz+zip');
    expect(res.headers.get('x-request-id')).toBe('r1');
  });

  it('keeps the headers a caller set on the response after a later middleware adds one', async () => {
    const res = await fetch(`${base}/files/model.bin`);
    expect(res.headers.get('content-type')).toBe('model/vnd.usdz+zip');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await res.text()).toBe('bytes');
  });
});
