import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeSchema, type Exhibit, type HostPlace } from '@protocol';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

/**
 * A host uploads real glTF models to a museum: each becomes an exhibit whose model, USDZ and
 * poster the public place names and the tile route serves once the museum is published. A
 * hostile file is refused with one sentence and leaves nothing behind; a replaced model's
 * old rev is removed.
 */
const MODELS = path.resolve(import.meta.dirname, '../../fixtures/models');
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let bob: string;
let pirate: Buffer;
let jet: Buffer;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const json = (token: string, method: string, body?: unknown) => ({ method, headers: { ...auth(token), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
function upload(token: string, bytes: Buffer, fileName: string, fields: Record<string, string> = {}, method = 'POST') {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], fileName));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return { method, headers: auth(token), body: form };
}
const newMuseum = async (token = alice) => ((await (await app.request('/api/host/places', json(token, 'POST', { kind: 'museum', title: 'Town museum' }))).json()) as { id: string }).id;
const filesUnder = async (rel: string) => (await readdir(path.join(deps.tilesDir, rel), { recursive: true }).catch(() => [] as string[])).sort();

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ ...deps, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@museum.test', name: 'Alice', password: 'alice-pass-1' });
  const b = await deps.hosts.create({ email: 'bob@museum.test', name: 'Bob', password: 'bob-pass-12' });
  alice = deps.signer.sign(a.id, 3600).token;
  bob = deps.signer.sign(b.id, 3600).token;
  [pirate, jet] = await Promise.all([readFile(path.join(MODELS, 'meshoptimizer_pirate.glb')), readFile(path.join(MODELS, 'playcanvas_jet-fighter.glb'))]);
}, 60_000);
afterAll(() => deps.cleanup());

describe('uploading models to a museum', () => {
  it('the two real models become exhibits; the public place names their files, served with their types once published', async () => {
    const id = await newMuseum();
    const first = await app.request(`/api/host/places/${id}/exhibits`, upload(alice, jet, 'playcanvas_jet-fighter.glb', { title: 'Jet fighter', titleZh: '战斗机', description: 'A model aircraft.' }));
    expect(first.status, await first.clone().text()).toBe(201);
    const jetExhibit = (await first.json()) as Exhibit;
    expect(jetExhibit).toMatchObject({ id: 'jet-fighter', title: 'Jet fighter', titleZh: '战斗机', role: 'exhibit', infoPoints: [] });
    const second = await app.request(`/api/host/places/${id}/exhibits`, upload(alice, pirate, 'meshoptimizer_pirate.glb', { title: 'Pirate', role: 'site' }));
    expect(second.status, await second.clone().text()).toBe(201);
    expect(((await second.json()) as Exhibit).role).toBe('site');

    // Before publishing: the host's grant URLs work, the plain URLs and the public API do not.
    const plain = jetExhibit.modelUrl.replace(/\/~[^/]+\//, '/');
    expect((await app.request(jetExhibit.modelUrl)).status).toBe(200);
    // Asked through an app of its own: each instance trusts what it read of the published flag for a few seconds.
    expect((await createApp({ ...deps, assetBaseUrl: '' }).request(plain)).status).toBe(404);
    expect((await app.request(`/api/places/${id}`)).status).toBe(404);

    const pub = await app.request(`/api/host/places/${id}`, json(alice, 'PATCH', { published: true }));
    expect(pub.status).toBe(200);
    expect(((await pub.json()) as HostPlace).exhibits?.map((e) => e.id)).toEqual(['jet-fighter', 'pirate']);
    const place = placeSchema.parse(await (await app.request(`/api/places/${id}`)).json());
    expect(place.kind).toBe('museum');
    expect(place.tour.scenes).toEqual([]);
    for (const e of place.exhibits!) {
      expect(e.modelUrl).toMatch(new RegExp(`^/tiles/${id}/_exhibits/${e.id}/[a-z0-9]+/model\\.glb$`));
      expect(e.bounds.max[1]).toBeGreaterThan(e.bounds.min[1]);
      const served: [string | undefined, string][] = [[e.modelUrl, 'model/gltf-binary'], [e.usdzUrl, 'model/vnd.usdz+zip'], [e.posterUrl, 'image/webp'], [e.phoneModelUrl, 'model/gltf-binary']];
      for (const [url, type] of served) {
        if (!url) continue;
        const res = await app.request(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type'), url).toBe(type);
        const body = Buffer.from(await res.arrayBuffer());
        if (type === 'model/gltf-binary') expect(body.toString('latin1', 0, 4)).toBe('glTF');
        if (type === 'model/vnd.usdz+zip') expect(body.readUInt32LE(0)).toBe(0x04034b50);
        if (url === e.modelUrl) expect(body.length).toBe(e.bytes);
      }
    }
    expect(place.exhibits!.find((e) => e.id === 'jet-fighter')!.bytes).toBeLessThan(jet.length);
  }, 240_000);

  const hostile: [string, () => Buffer, string][] = [
    ['a file with the wrong magic', () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), 'vase.glb'],
    ['a glTF that loads its buffer from the internet', () => Buffer.from(JSON.stringify({ asset: { version: '2.0' }, buffers: [{ uri: 'http://example.com/vase.bin', byteLength: 36 }], bufferViews: [{ buffer: 0, byteLength: 36 }], accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] }], meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }], nodes: [{ mesh: 0 }], scenes: [{ nodes: [0] }], scene: 0 })), 'vase.gltf'],
  ];
  for (const [what, bytes, fileName] of hostile) {
    it(`refuses ${what} with one sentence; nothing is written and the record is unchanged`, async () => {
      const id = await newMuseum();
      const before = await deps.places.get(id);
      const res = await app.request(`/api/host/places/${id}/exhibits`, upload(alice, bytes(), fileName, { title: 'Vase' }));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const { message } = (await res.json()) as { message: string };
      expect(message).toMatch(/^[^\n]{10,300}$/);
      expect(message).not.toMatch(/ at |Error:/);
      expect(await filesUnder(id)).toEqual([]);
      expect((await readdir(deps.tilesDir).catch(() => [])).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(await deps.places.get(id)).toStrictEqual(before);
    });
  }

  it('another host cannot upload to the museum, and learns nothing about it', async () => {
    const id = await newMuseum();
    const res = await app.request(`/api/host/places/${id}/exhibits`, upload(bob, pirate, 'pirate.glb'));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'place_not_found' });
    expect(await filesUnder(id)).toEqual([]);
  });

  it('a body over the limit is refused with a 413 before it is read', async () => {
    const id = await newMuseum();
    const res = await app.request(`/api/host/places/${id}/exhibits`, { method: 'POST', headers: { ...auth(alice), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) }, body: '--x--' });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/larger than 100 MB/);
  });

  it('replacing the model serves the new rev, removes the old one, and keeps the info points and their media', async () => {
    const id = await newMuseum();
    const created = (await (await app.request(`/api/host/places/${id}/exhibits`, upload(alice, pirate, 'pirate.glb', { title: 'Pirate' }))).json()) as Exhibit;
    await app.request(`/api/host/places/${id}/exhibits/pirate`, json(alice, 'PATCH', { infoPoints: [{ id: 'hat', position: [0, 1, 0], title: 'Hat', text: 'Tricorn.' }] }));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077536e0000000c4944415408d763f8ffff3f0005fe02fea7d6a4a10000000049454e44ae426082', 'hex');
    const withImage = (await (await app.request(`/api/host/places/${id}/exhibits/pirate/media`, upload(alice, png, 'hat.png', { infoPoint: 'hat', kind: 'image' }))).json()) as Exhibit;
    const oldRev = created.modelUrl.split('/').at(-2)!;
    const res = await app.request(`/api/host/places/${id}/exhibits/pirate/model`, upload(alice, jet, 'jet.glb', {}, 'PUT'));
    expect(res.status, await res.clone().text()).toBe(200);
    const replaced = (await res.json()) as Exhibit;
    const newRev = replaced.modelUrl.split('/').at(-2)!;
    expect(newRev).not.toBe(oldRev);
    expect(replaced).toMatchObject({ id: 'pirate', title: 'Pirate' });
    expect(replaced.infoPoints.map((p) => p.id)).toEqual(['hat']);
    expect(await readdir(path.join(deps.tilesDir, id, '_exhibits/pirate'))).toEqual([newRev]);
    expect((await app.request(created.modelUrl)).status).toBe(404);
    const served = await app.request(replaced.modelUrl);
    expect(served.status).toBe(200);
    expect((await served.arrayBuffer()).byteLength).toBe(replaced.bytes);
    expect(replaced.bytes).not.toBe(created.bytes);
    // The image moved with the model: same file name, in the new rev.
    expect(path.basename(replaced.infoPoints[0].imageUrl!)).toBe(path.basename(withImage.infoPoints[0].imageUrl!));
    expect((await app.request(replaced.infoPoints[0].imageUrl!)).status).toBe(200);
  }, 240_000);
});
