import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { BASIS_WORKER_URL } from '../../../client/model/decoderPaths.ts';
import { securityHeaders } from '../../../server/http/securityHeaders.ts';

/** The KTX2 transcoder's worker is the one script with a policy of its own (see client/model/ServedKTX2Loader.ts). */
describe('the decoder worker policy', () => {
  const app = new Hono().use(securityHeaders({ assetBaseUrl: '' }));
  app.get('/static/*', (c) => c.body('x', 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/page', (c) => c.html('<p>page</p>'));
  const csp = async (p: string) => (await app.request(p)).headers.get('content-security-policy') ?? '';

  it('lets the transcoder worker eval and compile WebAssembly, and fetch nothing', async () => {
    const policy = await csp(BASIS_WORKER_URL);
    expect(policy).toContain("script-src 'unsafe-eval' 'wasm-unsafe-eval'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/connect-src|'self'/);
  });

  it('keeps eval out of pages and every other file', async () => {
    expect(await csp('/page')).not.toContain("'unsafe-eval'");
    expect(await csp('/page')).toContain("'wasm-unsafe-eval'");
    for (const p of ['/static/decoders/draco/draco_wasm_wrapper.js', '/static/decoders/basis/basis_worker.js.map', '/static/decoders/basis/other.js']) expect(await csp(p)).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
