import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { HostStore } from '../../../server/db/createHostStore.ts';
import { createLogger } from '../../../server/log/createLogger.ts';
import type { PlaceStore } from '../../../server/places/PlaceStore.ts';
import { createTokenSigner } from '../../../server/auth/createTokenSigner.ts';

// What an operator reads: one JSON line per request, nothing a caller typed able to break a line.
let lines: string[];
let app: ReturnType<typeof createApp>;
beforeEach(() => {
  lines = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  const places = {
    list: async () => [],
    // A store that fails the way a lost database does, for one id.
    get: async (id: string) => {
      if (id === 'boom') throw new Error('connection to the database was lost');
      return null;
    },
  } as unknown as PlaceStore;
  app = createApp({ places, hosts: {} as HostStore, signer: createTokenSigner(Buffer.alloc(32, 1)), tilesDir: '/nonexistent', assetBaseUrl: '', logger: createLogger({ destination }) });
});
const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request log', () => {
  it('writes one JSON line per request with its id, method, path, status and time, and returns the id', async () => {
    const res = await app.request('/api/places/nowhere');
    expect(res.status).toBe(404);
    expect(lines).toHaveLength(1);
    const [line] = records();
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/api/places/nowhere', status: 404, reqId: res.headers.get('x-request-id') });
    expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line.ms).toBe('number');
    // An expected refusal carries no stack and no error record of its own.
    expect(JSON.stringify(line)).not.toMatch(/stack|"err"/);
  });

  it("honours a caller's plain x-request-id and replaces one that is not plain", async () => {
    const mine = await app.request('/api/health', { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(mine.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const forged = await app.request('/api/health', { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(records().map((r) => r.reqId)).toEqual(['lb-7f3a.42', forged.headers.get('x-request-id')]);
  });

  it('a CR/LF in the path cannot forge a log line: it comes out escaped, on the request’s own line', async () => {
    for (const p of ['/api/places/a%0d%0a{"level":"info","msg":"forged"}', '/places/x%0d%0aFAKE%20LINE/tour', '/%0aadmin']) {
      const res = await app.request(p);
      expect(res.status, p).toBe(400);
    }
    expect(lines).toHaveLength(3);
    for (const r of records()) {
      expect(r.msg).toBe('request');
      expect(r.path).not.toMatch(/[\r\n]/);
      expect(r.path).toMatch(/\\x0d\\x0a|\\x0a/);
    }
  });

  it('a real failure is a 500 with one sentence for the caller and the stack for the operator', async () => {
    const res = await app.request('/api/places/boom', { headers: { 'x-request-id': 'req-boom-1' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal', message: 'Something went wrong on our side; please try again.' });
    const [failure, request] = records();
    expect(failure).toMatchObject({ level: 'error', reqId: 'req-boom-1', path: '/api/places/boom', err: { message: 'connection to the database was lost' } });
    expect((failure.err as { stack: string }).stack).toMatch(/at /);
    expect(request).toMatchObject({ msg: 'request', status: 500, reqId: 'req-boom-1' });
  });
});
