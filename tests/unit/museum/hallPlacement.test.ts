import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exhibit, HostPlace } from '@protocol';
import { createApp } from '../../../server/app.ts';
import type { PlaceRecord } from '../../../server/places/placeRecord.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { sampleExhibit, samplePlace } from '../db/samplePlace.ts';

/**
 * Where an exhibit stands in the halls, edited from both sides: the exhibit editor (PATCH
 * …/exhibits/:id with `hall`) and the room editor (PATCH …/scenes/:id with its hotspots).
 * The 'exhibit' hotspot is the truth; whichever side edits, the exhibit's `hall` and the
 * halls' hotspots say the same thing afterwards, in the record and in what the API answers.
 */
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
let alice: string;
let aliceId: string;
let unique = 0;

const send = (method: string, url: string, body?: unknown) =>
  app.request(url, { method, headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Alice's published museum with halls living, kitchen, bath and the exhibits vase and ding, standing nowhere yet. */
async function seedMuseum(over: Partial<PlaceRecord> = {}): Promise<PlaceRecord> {
  const place = samplePlace(`halls-${++unique}`, {
    kind: 'museum',
    hostId: aliceId,
    exhibits: [sampleExhibit('vase', { hall: undefined }), sampleExhibit('ding', { hall: undefined })],
    ...over,
  });
  await deps.places.put(place);
  return place;
}
const record = async (id: string) => (await deps.places.get(id))!;
/** Every 'exhibit' hotspot as `<hall>:<exhibit>@<yaw>,<pitch>`. */
const spots = (p: { scenes: { id: string; hotspots: PlaceRecord['scenes'][number]['hotspots'] }[] }) =>
  p.scenes.flatMap((s) => s.hotspots.flatMap((h) => (h.kind === 'exhibit' ? [`${s.id}:${h.exhibitId}@${h.yaw},${h.pitch}`] : [])));
/** Every exhibit's hall as the same string. */
const halls = (exhibits: { id: string; hall?: { sceneId: string; yaw: number; pitch: number } }[] | undefined) =>
  (exhibits ?? []).flatMap((e) => (e.hall ? [`${e.hall.sceneId}:${e.id}@${e.hall.yaw},${e.hall.pitch}`] : []));
/** The record, the host API and the public API all agree, and say `expected`. */
async function expectPlacement(id: string, expected: string[]) {
  const saved = await record(id);
  expect(spots(saved).sort(), 'hotspots in the record').toEqual([...expected].sort());
  expect(halls(saved.exhibits).sort(), 'exhibit halls in the record').toEqual([...expected].sort());
  const host = (await (await send('GET', `/api/host/places/${id}`)).json()) as HostPlace;
  expect(spots(host.tour).sort(), 'hotspots the host sees').toEqual([...expected].sort());
  expect(halls(host.exhibits).sort(), 'exhibit halls the host sees').toEqual([...expected].sort());
  const pub = (await (await app.request(`/api/places/${id}`)).json()) as HostPlace;
  expect(halls(pub.exhibits).sort(), 'exhibit halls a visitor sees').toEqual([...expected].sort());
}
/** The room's hotspots as the room editor sends them back: what it has, changed by `edit`. */
async function editRoom(placeId: string, sceneId: string, edit: (hotspots: PlaceRecord['scenes'][number]['hotspots']) => PlaceRecord['scenes'][number]['hotspots']) {
  const scene = (await record(placeId)).scenes.find((s) => s.id === sceneId)!;
  return send('PATCH', `/api/host/places/${placeId}/scenes/${sceneId}`, { hotspots: edit(scene.hotspots) });
}

beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ ...deps, assetBaseUrl: '' });
  const a = await deps.hosts.create({ email: 'alice@halls.test', name: 'Alice', password: 'alice-pass-1' });
  aliceId = a.id;
  alice = deps.signer.sign(a.id, 3600).token;
}, 60_000);
afterAll(() => deps.cleanup());

describe('an exhibit placed in a hall, then the hall edited in the room editor', () => {
  it('removing its hotspot takes the exhibit out of the hall', async () => {
    const m = await seedMuseum();
    expect((await send('PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'kitchen', yaw: 40, pitch: -5 } })).status).toBe(200);
    await expectPlacement(m.id, ['kitchen:vase@40,-5']);
    const res = await editRoom(m.id, 'kitchen', (hs) => hs.filter((h) => h.kind !== 'exhibit'));
    expect(res.status).toBe(200);
    await expectPlacement(m.id, []);
    // The room's other hotspots are as they were.
    expect((await record(m.id)).scenes.find((s) => s.id === 'kitchen')!.hotspots.map((h) => h.id)).toEqual(['kitchen-door', 'kitchen-note']);
  });

  it('moving its hotspot moves the exhibit to the new direction', async () => {
    const m = await seedMuseum();
    await send('PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'kitchen', yaw: 40, pitch: -5 } });
    const res = await editRoom(m.id, 'kitchen', (hs) => hs.map((h) => (h.kind === 'exhibit' ? { ...h, yaw: -120.5, pitch: 12 } : h)));
    expect(res.status).toBe(200);
    await expectPlacement(m.id, ['kitchen:vase@-120.5,12']);
  });

  it('a hotspot for it added in another hall moves it there; the old hall no longer shows it', async () => {
    const m = await seedMuseum();
    await send('PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'kitchen', yaw: 40, pitch: -5 } });
    const res = await editRoom(m.id, 'bath', (hs) => [...hs, { id: 'vase-here', kind: 'exhibit', exhibitId: 'vase', yaw: 10, pitch: 0 }]);
    expect(res.status).toBe(200);
    await expectPlacement(m.id, ['bath:vase@10,0']);
  });

  it('a hotspot added for an exhibit that stood nowhere places it in that hall', async () => {
    const m = await seedMuseum();
    const res = await editRoom(m.id, 'living', (hs) => [...hs, { id: 'ding-here', kind: 'exhibit', exhibitId: 'ding', yaw: 0, pitch: -30 }]);
    expect(res.status).toBe(200);
    const scene = (await res.json()) as HostPlace['tour']['scenes'][number];
    expect(scene.hotspots.filter((h) => h.kind === 'exhibit')).toHaveLength(1);
    await expectPlacement(m.id, ['living:ding@0,-30']);
    // And the exhibit editor shows it there.
    const ding = (await (await send('PATCH', `/api/host/places/${m.id}/exhibits/ding`, { minutes: 5 })).json()) as Exhibit;
    expect(ding.hall).toEqual({ sceneId: 'living', yaw: 0, pitch: -30 });
  });

  it('two hotspots for one exhibit in one room are refused, and nothing changes', async () => {
    const m = await seedMuseum();
    await send('PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'kitchen', yaw: 40, pitch: -5 } });
    const res = await editRoom(m.id, 'bath', (hs) => [
      ...hs,
      { id: 'vase-a', kind: 'exhibit', exhibitId: 'vase', yaw: 10, pitch: 0 },
      { id: 'vase-b', kind: 'exhibit', exhibitId: 'vase', yaw: 20, pitch: 0 },
    ]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('hotspots: two hotspots open the exhibit "vase"; an exhibit stands in one place.');
    await expectPlacement(m.id, ['kitchen:vase@40,-5']);
  });
});

describe('the exhibit editor after the room editor', () => {
  it('placing the exhibit in a hall replaces the hotspot the room editor made for it', async () => {
    const m = await seedMuseum();
    await editRoom(m.id, 'bath', (hs) => [...hs, { id: 'vase-here', kind: 'exhibit', exhibitId: 'vase', yaw: 10, pitch: 0 }]);
    const res = await send('PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: { sceneId: 'living', yaw: 5, pitch: 6 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Exhibit).hall).toEqual({ sceneId: 'living', yaw: 5, pitch: 6 });
    await expectPlacement(m.id, ['living:vase@5,6']);
    expect((await send('PATCH', `/api/host/places/${m.id}/exhibits/vase`, { hall: null })).status).toBe(200);
    await expectPlacement(m.id, []);
  });

  it('a record whose hall names no hotspot (saved before the two were kept together) answers with the hotspot’s truth', async () => {
    const m = await seedMuseum({ exhibits: [sampleExhibit('vase', { hall: { sceneId: 'living', yaw: 1, pitch: 2 } })] });
    const host = (await (await send('GET', `/api/host/places/${m.id}`)).json()) as HostPlace;
    expect(halls(host.exhibits)).toEqual([]);
    const pub = (await (await app.request(`/api/places/${m.id}`)).json()) as HostPlace;
    expect(halls(pub.exhibits)).toEqual([]);
  });
});
