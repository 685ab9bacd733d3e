import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../../server/app.ts';
import { createErrorHandler } from '../../../server/http/createErrorHandler.ts';
import { cspReportRoutes } from '../../../server/http/cspReportRoutes.ts';
import { securityOptionsFromEnv, type SecurityOptions } from '../../../server/http/securityHeaders.ts';
import type { Logger } from '../../../server/log/createLogger.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
let base: AppDeps;
let app: ReturnType<typeof createApp>;

const FIRST_PAINT_JS = '(function(){document.title="painted"})();\n';
const scene = {
  id: 'living',
  name: 'Living room',
  north: 0,
  floor: { x: 1, y: 1 },
  initialView: { yaw: 0, pitch: 0, fov: 90 },
  hotspots: [],
  tiles: { rev: 'abc123', levels: [{ size: 512, tileSize: 512 }], previewFaceSize: 128, format: 'jpg' as const },
};
const place = (id: string, published: boolean): PlaceRecord => ({
  id,
  kind: 'home',
  title: `Flat ${id}`,
  city: 'Hangzhou',
  address: '1 Test Road',
  price: 1000000,
  currency: 'CNY',
  description: 'A test flat.',
  lat: 30.2,
  lng: 120.1,
  areaM2: 80,
  published,
  startScene: 'living',
  scenes: [scene],
});

/** The directives of a policy by name. */
const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

const build = (security?: SecurityOptions, assetBaseUrl = '') => createApp({ ...base, assetBaseUrl, security });

beforeAll(async () => {
  deps = await createTestDeps();
  await deps.places.put(place('open-flat', true));
  await deps.places.put(place('draft-flat', false));
  const tileDir = path.join(deps.dir, 'tiles', 'open-flat', 'living', 'abc123', '0', 'f');
  await mkdir(tileDir, { recursive: true });
  await writeFile(path.join(tileDir, '0_0.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  const client = path.join(deps.dir, 'client');
  await mkdir(path.join(client, 'boot'), { recursive: true });
  await mkdir(path.join(client, 'assets'), { recursive: true });
  await writeFile(
    path.join(client, 'index.html'),
    '<!doctype html><html><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width" /><title>Vantage</title><script type="module" crossorigin src="/assets/index.js"></script><link rel="stylesheet" crossorigin href="/assets/index.css"></head><body><div id="root"></div></body></html>',
  );
  await writeFile(path.join(client, 'assets', 'index.js'), 'console.log(1)');
  await writeFile(path.join(client, 'boot', 'first-paint.js'), FIRST_PAINT_JS);
  // A store that fails for one id: the 500 page must carry the headers too.
  const places = { ...deps.places, get: (id: string) => (id === 'boom' ? Promise.reject(new Error('disk on fire')) : deps.places.get(id)) } as AppDeps['places'];
  base = { places, hosts: deps.hosts, signer: deps.signer, tilesDir: path.join(deps.dir, 'tiles'), clientDir: client, assetBaseUrl: '' };
  app = build();
});
afterAll(() => deps.cleanup());

describe('security headers on every kind of response', () => {
  it('keeps them over a real socket, where a header set after the handler (the request id) copies the response', async () => {
    // app.request skips @hono/node-server's response handling, where that copy dropped every
    // header set on the response before it: JSON answers went out with none of them.
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const url of ['/api/health', '/api/places/open-flat', '/api/places/nope', '/tiles/open-flat/living/abc123/0/f/0_0.jpg']) {
        const res = await fetch(at + url);
        expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
        expect(res.headers.get('content-security-policy'), url).toMatch(/default-src/);
        expect(res.headers.get('referrer-policy'), url).toBeTruthy();
        expect(res.headers.get('x-request-id'), url).toBeTruthy();
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('nosniff, no framing and a lock-down policy on API answers, tiles, assets, 404s and 500s', async () => {
    const cases: [string, number][] = [
      ['/api/health', 200],
      ['/api/places/nope', 404],
      ['/api/nothing/here', 404],
      ['/tiles/open-flat/living/abc123/0/f/0_0.jpg', 200],
      ['/tiles/open-flat/nope.jpg', 404],
      ['/assets/index.js', 200],
      ['/places/boom', 500],
    ];
    for (const [url, status] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(status);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('frame-ancestors'), url).toEqual(["'none'"]);
      // Not a page: nothing in it may load or run anything, whatever a browser sniffs it as.
      if (!res.headers.get('content-type')?.startsWith('text/html')) expect(csp.get('default-src'), url).toEqual(["'none'"]);
    }
  });

  it("pages run under the app's policy: no inline script but the first paint's, by its hash", async () => {
    const res = await app.request('/places/open-flat/tour', { headers: { host: 'vantage.example:8080' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = directives(res.headers.get('content-security-policy'));
    // Every executable inline script in the page is allowed by a hash in the policy, and nothing else is.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toEqual([FIRST_PAINT_JS]);
    const hash = `'sha256-${createHash('sha256').update(FIRST_PAINT_JS).digest('base64')}'`;
    expect(csp.get('script-src')).toEqual(["'self'", hash, "'wasm-unsafe-eval'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('connect-src')).toEqual(["'self'", 'blob:', 'ws://vantage.example:8080']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('report-uri')).toEqual(['/api/csp-report']);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the host console, catalogue and unknown pages cannot be framed', async () => {
    for (const url of ['/host', '/host/places/x', '/', '/places/open-flat', '/no/such/page', '/places/open-flat/tour']) {
      const res = await app.request(url);
      expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors'), url).toEqual(["'none'"]);
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
    }
  });

  it('the embed route can be framed by any site by default, by the listed sites, or by none', async () => {
    const open = await app.request('/embed/places/open-flat');
    expect(open.status).toBe(200);
    expect(directives(open.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(['*']);
    expect(open.headers.get('x-frame-options')).toBeNull();
    expect((await app.request('/embed/places/draft-flat')).status).toBe(404);
    expect((await app.request('/embed/places/nope')).status).toBe(404);

    const listed = await build({ embedOrigins: ['https://agency.example', 'https://b.example'] }).request('/embed/places/open-flat?scene=living');
    expect(directives(listed.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(['https://agency.example', 'https://b.example']);
    const none = await build({ embedOrigins: 'none' }).request('/embed/places/open-flat');
    expect(directives(none.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
    expect(none.headers.get('x-frame-options')).toBe('DENY');
    // Only the embed page itself: its API and tiles stay unframable.
    const api = await app.request('/api/places/open-flat', { headers: { referer: 'http://127.0.0.1/embed/places/open-flat' } });
    expect(directives(api.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('pages whose link carries a code or token send no Referer', async () => {
    for (const url of ['/s/ABCD-EFGH', '/join', '/join/ABCD-EFGH', '/book/ticket/T-123', '/book/manage/tok_abc', '/sessions/s1/host']) {
      expect((await app.request(url)).headers.get('referrer-policy'), url).toBe('no-referrer');
    }
    for (const url of ['/', '/places/open-flat', '/places/open-flat/tour', '/host']) {
      expect((await app.request(url)).headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
    }
  });

  it('HSTS only over HTTPS (a proxy saying so), unless switched on or off', async () => {
    expect((await app.request('/api/health')).headers.get('strict-transport-security')).toBeNull();
    const proxied = await app.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await app.request('https://vantage.example/api/health')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await build({ hsts: 'on' }).request('/')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await build({ hsts: 'off' }).request('/', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
    // Behind TLS the page's own socket is wss://.
    const page = await app.request('/', { headers: { 'x-forwarded-proto': 'https', host: 'vantage.example' } });
    expect(directives(page.headers.get('content-security-policy')).get('connect-src')).toContain('wss://vantage.example');
  });

  it('tiles from ASSET_BASE_URL and LiveKit are allowed where the browser fetches them', async () => {
    const res = await build({ livekitUrl: 'wss://voice.example:7880' }, 'https://cdn.example/vantage').request('/');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://cdn.example']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'https://cdn.example']);
    expect(csp.get('connect-src')).toEqual(["'self'", 'blob:', 'https://cdn.example', 'wss://voice.example:7880', 'https://voice.example:7880']);
  });

  it('a forged Host header is not echoed into the policy', async () => {
    const res = await app.request('/', { headers: { host: 'evil.example; script-src *' } });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).not.toContain('evil');
    expect(directives(csp).get('script-src')).not.toContain('*');
  });
});

describe('EMBED_ORIGINS and HSTS from the environment', () => {
  it('reads them, and refuses a bad value with a sentence naming the variable', () => {
    expect(securityOptionsFromEnv({})).toEqual({ hsts: 'auto', embedOrigins: '*', livekitUrl: undefined });
    expect(securityOptionsFromEnv({ EMBED_ORIGINS: 'https://a.example, https://b.example:8443', HSTS: 'on' }, 'wss://lk')).toEqual({
      hsts: 'on',
      embedOrigins: ['https://a.example', 'https://b.example:8443'],
      livekitUrl: 'wss://lk',
    });
    expect(securityOptionsFromEnv({ EMBED_ORIGINS: 'none' }).embedOrigins).toBe('none');
    expect(() => securityOptionsFromEnv({ HSTS: 'yes' })).toThrow(/HSTS must be auto, on or off/);
    for (const bad of ['agency.example', 'https://a.example/path', "https://a.example 'unsafe-inline'", 'javascript:alert(1)']) {
      expect(() => securityOptionsFromEnv({ EMBED_ORIGINS: bad }), bad).toThrow(/EMBED_ORIGINS must list origins/);
    }
  });
});

describe('CSP violation reports', () => {
  const legacy = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      'csp-report': {
        'document-uri': 'http://127.0.0.1:8080/s/SECRET-CODE?x=1',
        referrer: '',
        'violated-directive': 'script-src-elem',
        'effective-directive': 'script-src-elem',
        'original-policy': "default-src 'self'",
        disposition: 'enforce',
        'blocked-uri': 'https://tracker.example/pixel.js?session=SECRET-CODE',
        'script-sample': 'alert("\\r\\nVantage: forged line")',
        ...over,
      },
    });
  const reportApp = (lines: string[], now = () => 0) => {
    const logger = { error: () => {} } as unknown as Logger;
    return new Hono().onError(createErrorHandler(logger)).route('/api/csp-report', cspReportRoutes({ log: (l) => lines.push(l), now }));
  };
  const post = (a: Hono, body: string, type = 'application/csp-report') => a.request('/api/csp-report', { method: 'POST', headers: { 'content-type': type }, body });

  it('logs one line per violation naming directive, origin and page kind, never the URL, code or sample', async () => {
    const lines: string[] = [];
    const a = reportApp(lines);
    expect((await post(a, legacy())).status).toBe(204);
    expect((await post(a, legacy({ 'blocked-uri': 'inline', 'effective-directive': 'script-src-attr\r\nforged' }))).status).toBe(204);
    const api = JSON.stringify([
      { type: 'csp-violation', url: 'http://x/', body: { documentURL: 'http://127.0.0.1/places/p1/tour', effectiveDirective: 'worker-src', blockedURL: 'blob:http://127.0.0.1/uuid', disposition: 'enforce' } },
      { type: 'deprecation', body: {} },
    ]);
    expect((await post(a, api, 'application/reports+json')).status).toBe(204);
    expect(lines).toEqual([
      'Vantage: CSP violation (enforced): script-src-elem blocked https://tracker.example on /s/…',
      'Vantage: CSP violation (enforced): script-src-attr blocked inline on /s/…',
      'Vantage: CSP violation (enforced): worker-src blocked blob on /places/…',
    ]);
    expect(lines.join('\n')).not.toMatch(/SECRET|forged|alert/);
  });

  it('refuses what is not a report, and a body over 16 KiB, with one sentence', async () => {
    const lines: string[] = [];
    const a = reportApp(lines);
    const junk = await post(a, 'not json');
    expect(junk.status).toBe(400);
    expect((await junk.json()).message).toMatch(/JSON/);
    const other = await post(a, JSON.stringify({ hello: 'world' }));
    expect(other.status).toBe(400);
    expect((await other.json()).message).toMatch(/not a CSP violation report/);
    const big = await post(a, legacy({ 'script-sample': 'x'.repeat(20_000) }));
    expect(big.status).toBe(413);
    expect(lines).toEqual([]);
  });

  it('logs at most 20 lines a minute, then says how many it left out', async () => {
    const lines: string[] = [];
    let t = 0;
    const a = reportApp(lines, () => t);
    for (let i = 0; i < 50; i++) expect((await post(a, legacy())).status).toBe(204);
    expect(lines).toHaveLength(20);
    t = 61_000;
    await post(a, legacy());
    expect(lines).toHaveLength(22);
    expect(lines[20]).toBe('Vantage: 30 more CSP violation reports not logged in the last minute');
  });

  it('is mounted in the app, outside the API 404', async () => {
    const res = await app.request('/api/csp-report', { method: 'POST', headers: { 'content-type': 'application/csp-report' }, body: legacy() });
    expect(res.status).toBe(204);
  });
});
