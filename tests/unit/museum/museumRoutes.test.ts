import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPlaceSchema, placeSchema, placeSummarySchema, type Exhibit } from '@protocol';
import { createApp } from '../../../server/app.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { sampleExhibit, samplePlace, sampleScene } from '../db/samplePlace.ts';

/**
 * A museum's exhibits through the host API and the public pages, on records seeded as the
 * ingest leaves them (the model upload itself is museumUpload.test.ts): editing, info-point
 * media, placement in a hall, deletion, publishing with exhibits alone, the files served with
 * their types, and a timed-entry booking.
 */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let aliceId: string;
let bob: string;
let unique = 0;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const send = (token: string, method: string, url: string, body?: unknown) =>
  app.request(url, { method, headers: { ...auth(token), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const media = (token: string, url: string, bytes: Buffer, fields: Record<string, string>) => {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], 'clip.bin'));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return app.request(url, { method: 'POST', headers: auth(token), body: form });
};

/** A museum owned by Alice with the exhibit "vase" (model rev m0de1r3v) whose files exist on disk. */
async function seedMuseum(over: Partial<PlaceRecord> = {}): Promise<PlaceRecord> {
  const id = `museum-${++unique}`;
  const place = samplePlace(id, {
    kind: 'museum',
    hostId: aliceId,
    published: false,
    exhibits: [sampleExhibit('vase', { infoPoints: [{ id: 'glaze', position: [0, 1, 0], title: 'Glaze', text: 'Celadon.' }] })],
    ...over,
  });
  await deps.places.put(place);
  const rev = path.join(deps.tilesDir, id, '_exhibits/vase/m0de1r3v');
  await mkdir(rev, { recursive: true });
  await writeFile(path.join(rev, 'model.glb'), Buffer.from('glTF\u0002\u0000\u0000\u0000 a model'));
  await writeFile(path.join(rev, 'model-phone.glb'), Buffer.from('glTF\u0002\u0000\u0000\u0000 a lighter model'));
  await writeFile(path.join(rev, 'model.usdz'), Buffer.from('PK\u0003\u0004 a usdz'));
  await writeFile(path.join(rev, 'poster.webp'), await sharp({ create: { width: 8, height: 8, channels: 3, background: '#963' } }).webp().toBuffer());
  return place;
}
const record = async (id: string) => (await deps.places.get(id))!;

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ ...deps, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@museum.test', name: 'Alice', password: 'alice-pass-1' });
  const b = await deps.hosts.create({ email: 'bob@museum.test', name: 'Bob', password: 'bob-pass-12' });
  aliceId = a.id;
  alice = deps.signer.sign(a.id, 3600).token;
  bob = deps.signer.sign(b.id, 3600).token;
}, 60_000);
afterAll(() => deps.cleanup());

describe('editing an exhibit', () => {
  it('changes fields and info points, places it in a hall as an exhibit hotspot, and answers with the exhibit', async () => {
    const m = await seedMuseum();
    const res = await send(alice, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, {
      title: 'Celadon vase',
      titleZh: '青瓷瓶',
      infoPoints: [
        { id: 'glaze', position: [0, 1, 0], title: 'Glaze', text: 'Celadon.' },
        { id: 'foot', position: [0, 0, 0], title: 'Foot', titleZh: '底足', text: 'Unglazed ring.' },
      ],
      hall: { sceneId: 'kitchen', yaw: 40, pitch: -5 },
      map: { x: 3, y: 4 },
    });
    expect(res.status).toBe(200);
    const e = (await res.json()) as Exhibit;
    expect(e).toMatchObject({ id: 'vase', title: 'Celadon vase', titleZh: '青瓷瓶', hall: { sceneId: 'kitchen', yaw: 40, pitch: -5 }, map: { x: 3, y: 4 } });
    expect(e.infoPoints.map((p) => p.id)).toEqual(['glaze', 'foot']);
    // The console's URLs carry a grant: the host sees the unpublished model.
    expect(e.modelUrl).toMatch(new RegExp(`^/tiles/${m.id}/~[^/]+/_exhibits/vase/m0de1r3v/model\\.glb$`));
    expect((await app.request(e.modelUrl)).status).toBe(200);
    const saved = await record(m.id);
    expect(saved.scenes.find((s) => s.id === 'kitchen')?.hotspots).toContainEqual({ id: 'exhibit-vase', kind: 'exhibit', exhibitId: 'vase', yaw: 40, pitch: -5 });
    // Moved to another hall: one hotspot, in the new hall only.
    await send(alice, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'bath', yaw: 0, pitch: 0 }, titleZh: '' });
    const moved = await record(m.id);
    expect(moved.scenes.flatMap((s) => s.hotspots.filter((h) => h.kind === 'exhibit').map((h) => `${s.id}:${h.id}`))).toEqual(['bath:exhibit-vase']);
    expect(moved.exhibits?.[0]).not.toHaveProperty('titleZh');
  });

  it('refuses a hall the museum lacks, a second site model, a broken text, and changes nothing', async () => {
    const m = await seedMuseum({ exhibits: [sampleExhibit('vase'), sampleExhibit('town', { role: 'site' })] });
    const before = await record(m.id);
    const noHall = await send(alice, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'attic', yaw: 0, pitch: 0 } });
    expect(noHall.status).toBe(400);
    expect(((await noHall.json()) as { message: string }).message).toBe('hall: this museum has no hall "attic".');
    const site = await send(alice, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, { role: 'site' });
    expect(site.status).toBe(409);
    expect(await site.json()).toMatchObject({ error: 'site_taken' });
    const text = await send(alice, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, { title: 'Vase\u0000' });
    expect(text.status).toBe(400);
    const dupPoints = await send(alice, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, { infoPoints: [{ id: 'a', position: [0, 0, 0], title: 'A', text: '' }, { id: 'a', position: [0, 0, 0], title: 'B', text: '' }] });
    expect(dupPoints.status).toBe(400);
    expect(await record(m.id)).toStrictEqual(before);
  });

  it('answers another host exactly as a missing place, and a home that it holds no exhibits', async () => {
    const m = await seedMuseum();
    const res = await send(bob, 'PATCH', `/api/host/places/${m.id}/exhibits/vase`, { title: 'Mine' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'place_not_found' });
    const home = samplePlace(`home-${++unique}`, { hostId: aliceId });
    await deps.places.put(home);
    const form = new FormData();
    form.set('file', new File([new Uint8Array(Buffer.from('glTF'))], 'vase.glb'));
    const post = await app.request(`/api/host/places/${home.id}/exhibits`, { method: 'POST', headers: auth(alice), body: form });
    expect(post.status).toBe(409);
    expect(((await post.json()) as { message: string }).message).toMatch(/is not a museum/);
    expect(await readdir(path.join(deps.tilesDir, home.id)).catch(() => [])).toEqual([]);
  });
});

describe('the place around its exhibits', () => {
  it('a museum with exhibits cannot become a home, and a hall hotspot may open only an exhibit it has', async () => {
    const m = await seedMuseum();
    const kind = await send(alice, 'PATCH', `/api/host/places/${m.id}`, { kind: 'home' });
    expect(kind.status).toBe(409);
    expect(await kind.json()).toMatchObject({ error: 'has_exhibits' });
    const spot = (exhibitId: string) => send(alice, 'PATCH', `/api/host/places/${m.id}/scenes/kitchen`, { hotspots: [{ id: 'e1', kind: 'exhibit', exhibitId, yaw: 10, pitch: 0 }] });
    const dangling = await spot('ding');
    expect(dangling.status).toBe(400);
    expect(((await dangling.json()) as { message: string }).message).toBe('hotspots: no exhibit "ding" to open.');
    expect((await spot('vase')).status).toBe(200);
    expect((await record(m.id)).kind).toBe('museum');
  });
});

describe('info-point media', () => {
  it('stores a sniffed image and audio, serves them with their types, and removes the file a new upload replaces', async () => {
    const m = await seedMuseum({ published: true });
    const url = `/api/host/places/${m.id}/exhibits/vase/media`;
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#abc' } }).png().toBuffer();
    const first = (await (await media(alice, url, png, { infoPoint: 'glaze', kind: 'image' })).json()) as Exhibit;
    expect(first.infoPoints[0].imageUrl).toMatch(/\/_exhibits\/vase\/m0de1r3v\/media\/[0-9a-f]{12}\.png$/);
    const mp3 = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'), Buffer.alloc(64, 0xaa)]);
    const res = await media(alice, url, mp3, { infoPoint: 'glaze', kind: 'audio' });
    expect(res.status).toBe(200);
    const withAudio = (await res.json()) as Exhibit;
    const audio = await app.request(withAudio.infoPoints[0].audioUrl!);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    expect(audio.headers.get('accept-ranges')).toBe('bytes');
    // Safari asks for audio in ranges and plays it only when they are answered.
    const part = await app.request(withAudio.infoPoints[0].audioUrl!, { headers: { range: 'bytes=2-9' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 2-9/${mp3.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(mp3.subarray(2, 10));
    expect((await app.request(withAudio.infoPoints[0].audioUrl!, { headers: { range: `bytes=${mp3.length}-` } })).status).toBe(416);
    const image = await app.request(withAudio.infoPoints[0].imageUrl!);
    expect(image.headers.get('content-type')).toBe('image/png');
    // A second image replaces the first: the record names the new file, the old one is gone.
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#cba' } }).webp().toBuffer();
    const second = (await (await media(alice, url, webp, { infoPoint: 'glaze', kind: 'image' })).json()) as Exhibit;
    expect(second.infoPoints[0].imageUrl).toMatch(/\.webp$/);
    expect((await app.request(first.infoPoints[0].imageUrl!)).status).toBe(404);
    const files = await readdir(path.join(deps.tilesDir, m.id, '_exhibits/vase/m0de1r3v/media'));
    expect(files.sort()).toEqual([path.basename(second.infoPoints[0].imageUrl!), path.basename(withAudio.infoPoints[0].audioUrl!)].sort());
  });

  it('refuses what is neither image nor audio, a kind that does not match, and a point that does not exist', async () => {
    const m = await seedMuseum();
    const url = `/api/host/places/${m.id}/exhibits/vase/media`;
    const svg = await media(alice, url, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { infoPoint: 'glaze' });
    expect(svg.status).toBe(415);
    expect(((await svg.json()) as { message: string }).message).toMatch(/^[^\n]+\.$/);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#abc' } }).png().toBuffer();
    expect((await media(alice, url, png, { infoPoint: 'glaze', kind: 'audio' })).status).toBe(415);
    expect((await media(alice, url, png, { infoPoint: 'nope', kind: 'image' })).status).toBe(404);
    expect(await readdir(path.join(deps.tilesDir, m.id, '_exhibits/vase/m0de1r3v/media')).catch(() => [])).toEqual([]);
    expect((await record(m.id)).exhibits?.[0].infoPoints[0]).not.toHaveProperty('image');
  });
});

describe('publishing a museum and its files', () => {
  it('publishes with exhibits and no hall; the listing and GET /api/places/:id are valid and name the model URLs', async () => {
    const m = await seedMuseum({ scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined });
    const pub = await send(alice, 'PATCH', `/api/host/places/${m.id}`, { published: true });
    expect(pub.status).toBe(200);
    hostPlaceSchema.parse(await pub.json());
    const res = await app.request(`/api/places/${m.id}`);
    expect(res.status).toBe(200);
    const place = placeSchema.parse(await res.json());
    const base = `/tiles/${m.id}/_exhibits/vase/m0de1r3v`;
    expect(place.exhibits?.[0]).toMatchObject({ modelUrl: `${base}/model.glb`, phoneModelUrl: `${base}/model-phone.glb`, usdzUrl: `${base}/model.usdz`, posterUrl: `${base}/poster.webp` });
    const listed = placeSummarySchema.array().parse(await (await app.request('/api/places')).json()).find((p) => p.id === m.id);
    expect(listed?.coverUrl).toBe(`${base}/poster.webp`);
    for (const [file, type] of [['model.glb', 'model/gltf-binary'], ['model.usdz', 'model/vnd.usdz+zip'], ['poster.webp', 'image/webp']]) {
      const f = await app.request(`${base}/${file}`);
      expect(f.status, file).toBe(200);
      expect(f.headers.get('content-type'), file).toBe(type);
    }
  });

  it('serves nothing of an unpublished museum without a grant, and nothing outside the place folder', async () => {
    const m = await seedMuseum();
    const base = `/tiles/${m.id}/_exhibits/vase/m0de1r3v`;
    expect((await app.request(`${base}/model.glb`)).status).toBe(404);
    expect((await app.request(`/api/places/${m.id}`)).status).toBe(404);
    await send(alice, 'PATCH', `/api/host/places/${m.id}`, { published: true });
    for (const sneaky of [`${base}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd`, `${base}/..%2f..%2f..%2fpglite`]) {
      const res = await app.request(sneaky);
      expect(res.status === 404 || res.status === 400, sneaky).toBe(true);
    }
  });

  it('a home still needs a room to publish; a museum with neither hall nor exhibit is told what to upload', async () => {
    const m = await seedMuseum({ scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined, exhibits: undefined });
    const res = await send(alice, 'PATCH', `/api/host/places/${m.id}`, { published: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'no_rooms', message: 'Upload at least one hall or one exhibit before publishing.' });
  });

  it('deleting the exhibit removes its hall hotspots and files, and withdraws a museum left with nothing', async () => {
    const m = await seedMuseum({ scenes: [sampleScene('kitchen', { hotspots: [{ id: 'x', kind: 'exhibit', exhibitId: 'vase', yaw: 1, pitch: 2 }] })], startScene: 'kitchen', coverScene: undefined, floorPlan: undefined });
    const del = await send(alice, 'DELETE', `/api/host/places/${m.id}/exhibits/vase`);
    expect(del.status).toBe(204);
    const after = await record(m.id);
    expect(after).not.toHaveProperty('exhibits');
    expect(after.scenes[0].hotspots).toEqual([]);
    expect(await readdir(path.join(deps.tilesDir, m.id, '_exhibits'))).toEqual([]);
    expect((await send(alice, 'DELETE', `/api/host/places/${m.id}/exhibits/vase`)).status).toBe(404);
    const lone = await seedMuseum({ published: true, scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined });
    await send(alice, 'DELETE', `/api/host/places/${lone.id}/exhibits/vase`);
    expect((await record(lone.id)).published).toBe(false);
    expect((await app.request(`/api/places/${lone.id}`)).status).toBe(404);
  });

  it('deleting the hall an exhibit stands in takes it out of that hall and keeps the museum open', async () => {
    const m = await seedMuseum({ published: true, scenes: [sampleScene('kitchen')], startScene: 'kitchen', coverScene: undefined, floorPlan: undefined, exhibits: [sampleExhibit('vase', { hall: { sceneId: 'kitchen', yaw: 1, pitch: 2 } })] });
    expect((await send(alice, 'DELETE', `/api/host/places/${m.id}/scenes/kitchen`)).status).toBe(204);
    const after = await record(m.id);
    expect(after.published).toBe(true);
    expect(after.exhibits?.[0]).not.toHaveProperty('hall');
    expect((await app.request(`/api/places/${m.id}`)).status).toBe(200);
  });
});

describe('pages', () => {
  it('a hall-less museum’s listing, map and exhibit pages are found; its tour and an unknown exhibit are not', async () => {
    const client = path.join(deps.dir, 'client');
    await mkdir(client, { recursive: true });
    await writeFile(path.join(client, 'index.html'), '<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body></body></html>');
    const pages = createApp({ ...deps, clientDir: client, assetBaseUrl: '' });
    const m = await seedMuseum({ published: true, scenes: [], startScene: '', coverScene: undefined, floorPlan: undefined });
    const status = async (url: string) => (await pages.request(url)).status;
    expect(await status(`/places/${m.id}`)).toBe(200);
    expect(await status(`/places/${m.id}/map`)).toBe(200);
    expect(await status(`/places/${m.id}/exhibits/vase`)).toBe(200);
    expect(await status(`/places/${m.id}/exhibits/ding`)).toBe(404);
    expect(await status(`/places/${m.id}/tour`)).toBe(404);
  });
});

describe('timed entry', () => {
  it('a museum’s slot is booked through the same routes as a home’s', async () => {
    const m = await seedMuseum({ published: true });
    const start = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const slot = await send(alice, 'POST', `/api/host/places/${m.id}/slots`, { start, durationMinutes: 60, capacity: 20 });
    expect(slot.status).toBe(201);
    const { id: slotId } = (await slot.json()) as { id: string };
    const booked = await app.request('/api/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slotId, placeId: m.id, name: 'Li Lei', phone: '138 0013 8000', partySize: 3 }) });
    expect(booked.status).toBe(201);
    const list = (await (await send(alice, 'GET', `/api/host/places/${m.id}/bookings`)).json()) as { name: string; partySize: number }[];
    expect(list).toEqual([expect.objectContaining({ name: 'Li Lei', partySize: 3 })]);
    const free = (await (await app.request(`/api/places/${m.id}/slots`)).json()) as { id: string; seatsLeft?: number; available?: number }[];
    expect(free.find((s) => s.id === slotId)).toBeTruthy();
  });
});
