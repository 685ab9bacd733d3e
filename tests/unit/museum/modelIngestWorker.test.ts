import { serve, type ServerType } from '@hono/node-server';
import { Document, NodeIO } from '@gltf-transform/core';
import { access, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { IngestError } from '../../../server/ingest/IngestError.ts';
import { runIngestModelInWorker } from '../../../server/ingest/model/runIngestModelInWorker.ts';
import { INGEST_MAX_WAITING, ingestSlotFor } from '../../../server/museum/ingestSlotFor.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

/**
 * A model upload is seconds of synchronous glTF work: it runs on a worker thread, so the server
 * keeps answering while it does; it is stopped when it takes too long; and it queues with room
 * photos in one slot whose waiting line is bounded (503 with Retry-After beyond it).
 */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let server: ServerType;
let base: string;
let alice: string;
let grid: Buffer;
let scratch: string;

/** A flat N×N grid of quads (2N² triangles): heavy enough to simplify and pack for a second or more. */
async function gridGlb(n: number): Promise<Buffer> {
  const doc = new Document();
  const buf = doc.createBuffer();
  const pos = new Float32Array((n + 1) * (n + 1) * 3);
  let k = 0;
  for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) pos.set([j / n, Math.sin(i * 0.37) * Math.cos(j * 0.21) * 0.05, i / n], (k++) * 3);
  const idx = new Uint32Array(n * n * 6);
  k = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const a = i * (n + 1) + j;
      idx.set([a, a + n + 1, a + 1, a + 1, a + n + 1, a + n + 2], k);
      k += 6;
    }
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(pos).setBuffer(buf))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(idx).setBuffer(buf))
    .setMaterial(doc.createMaterial());
  doc.createScene().addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(prim)));
  return Buffer.from(await new NodeIO().writeBinary(doc));
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const newMuseum = async () =>
  ((await (await app.request('/api/host/places', { method: 'POST', headers: { ...auth(alice), 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'museum', title: 'Busy museum' }) })).json()) as { id: string }).id;
const form = (field: string, bytes: Buffer, name: string) => {
  const f = new FormData();
  f.set(field, new File([new Uint8Array(bytes)], name));
  return f;
};
/** One GET /api/health over a new socket; resolves when the answer is complete. */
const health = () =>
  new Promise<number>((resolve, reject) => {
    http.get(`${base}/api/health`, { agent: false }, (r) => r.resume().on('end', () => resolve(r.statusCode ?? 0))).on('error', reject);
  });

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ ...deps, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@worker.test', name: 'Alice', password: 'alice-pass-1' });
  alice = deps.signer.sign(a.id, 3600).token;
  grid = await gridGlb(388); // 301 088 triangles
  scratch = await mkdtemp(path.join(os.tmpdir(), 'vantage-ingest-worker-'));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await rm(scratch, { recursive: true, force: true });
  await deps.cleanup();
});

describe('a model upload', () => {
  it('leaves the server answering while the model is ingested', async () => {
    const m = await newMuseum();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let answered = 0;
    let done = false;
    const t0 = performance.now();
    const upload = fetch(`${base}/api/host/places/${m}/exhibits`, { method: 'POST', headers: auth(alice), body: form('file', grid, 'grid.glb') }).then(async (r) => {
      done = true;
      return { status: r.status, body: await r.text(), ms: performance.now() - t0 };
    });
    delay.enable();
    // Health checks, one after another, for as long as the upload is in flight.
    const pinging = (async () => {
      while (!done) {
        expect(await health()).toBe(200);
        if (!done) answered++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const res = await upload;
    await pinging;
    delay.disable();
    expect(res.status, res.body).toBe(201);
    const longestStallMs = delay.max / 1e6;
    console.log(`upload ${Math.round(res.ms)} ms; ${answered} health answers during it; longest event-loop stall ${Math.round(longestStallMs)} ms`);
    // The server answered all through the ingest: several health checks came back before the upload's
    // answer, and no single stretch of the ingest held the server's thread for a quarter of it.
    expect(answered).toBeGreaterThanOrEqual(3);
    expect(longestStallMs).toBeLessThan(res.ms / 4);
  }, 60_000);

  it('waits for the one ingest slot with at most a few others, rooms and models alike; one more is told to come back in a minute', async () => {
    const m = await newMuseum();
    const slot = ingestSlotFor(deps.places);
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    // One ingest running and the waiting line full.
    const held = Array.from({ length: 1 + INGEST_MAX_WAITING }, () => slot.run(() => hold));
    try {
      const model = await app.request(`/api/host/places/${m}/exhibits`, { method: 'POST', headers: auth(alice), body: form('file', grid, 'grid.glb') });
      expect(model.status).toBe(503);
      expect(model.headers.get('retry-after')).toBe('60');
      expect(((await model.json()) as { message: string }).message).toBe('Vantage is busy processing other uploads — try again in a minute.');
      const photo = await app.request(`/api/host/places/${m}/scenes`, { method: 'POST', headers: auth(alice), body: form('photo', await sharp({ create: { width: 512, height: 256, channels: 3, background: '#678' } }).jpeg().toBuffer(), 'hall.jpg') });
      expect(photo.status).toBe(503);
      expect(photo.headers.get('retry-after')).toBe('60');
    } finally {
      release();
      await Promise.all(held);
    }
    expect(slot.size).toBe(0);
  });
});

describe('runIngestModelInWorker', () => {
  it('moves the bytes to the thread, forwards progress, and returns what ingestModel wrote', async () => {
    const bytes = new Uint8Array(grid);
    const seen: number[] = [];
    const out = path.join(scratch, 'ok');
    const model = await runIngestModelInWorker(bytes, 'grid.glb', out, { transfer: true, onProgress: (f) => seen.push(f) });
    expect(bytes.byteLength).toBe(0); // moved, not copied
    expect(model.triangles).toBe(388 * 388 * 2);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await access(path.join(out, model.glb));
  }, 60_000);

  it('stops an ingest that takes too long: one sentence, nothing written', async () => {
    const out = path.join(scratch, 'slow');
    const run = runIngestModelInWorker(grid, 'grid.glb', out, { timeoutMs: 300 });
    await expect(run).rejects.toBeInstanceOf(IngestError);
    await expect(run).rejects.toMatchObject({ code: 'too-large', message: 'Vantage: "grid.glb" took too long to process — reduce its triangles or texture sizes and try again.' });
    await expect(access(out)).rejects.toThrow();
    expect(grid.byteLength).toBeGreaterThan(0); // not moved: the caller kept its copy
  }, 30_000);

  it('stops an ingest that outgrows its heap: one sentence', async () => {
    const run = runIngestModelInWorker(grid, 'grid.glb', path.join(scratch, 'oom'), { heapMb: 24 });
    await expect(run).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/^Vantage: "grid\.glb" needs more memory to process than Vantage allows — [^.]*\.$/) });
  }, 30_000);
});
