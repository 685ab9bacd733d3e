import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySessionDelta, clientFrameSchema, sharedViewOf, type Intent, type SessionSnapshot } from '../../../server/protocol/session.ts';
import type { ExhibitRecord } from '../../../server/places/placeRecord.ts';
import type { SessionEvent } from '../../../server/sessions/SessionEvent.ts';
import { NO_HALL_ROOM, SessionRoom, checkIntent, createRoomState, fromStored, toStored } from '../../../server/sessions/SessionRoom.ts';
import { sessionExhibits } from '../../../server/sessions/sessionExhibits.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';
import { memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

const T0 = 1_700_000_000_000;
const POINT_CAMERA = { position: [0.3, 0.4, 0.5] as [number, number, number], target: [0, 0.25, 0] as [number, number, number], fov: 35 };

/** A bronze ding 0.4 m across with two info points (the first with a camera), as the ingest records it. */
function ding(): ExhibitRecord {
  return {
    id: 'ding',
    role: 'exhibit',
    title: 'Bronze ding',
    description: 'A ritual cauldron.',
    arScale: 1,
    minutes: 3,
    hall: { sceneId: 'kitchen', yaw: 30, pitch: -5 },
    model: { rev: 'abcd1234', glb: 'model.glb', usdz: 'model.usdz', poster: 'poster.webp', bytes: 1000, bounds: { min: [-0.2, 0, -0.2], max: [0.2, 0.4, 0.2] } },
    infoPoints: [
      { id: 'handles', position: [0.2, 0.38, 0], title: 'Handles', text: 'Cast in one piece.', camera: POINT_CAMERA },
      { id: 'legs', position: [0.1, 0.05, 0.1], title: 'Legs', text: 'Three legs.' },
    ],
  };
}

function museumRoom() {
  return new SessionRoom(
    createRoomState({
      id: 's1',
      placeId: 'museum',
      hostId: 'host',
      hostName: 'Docent Wang',
      sceneIds: ['living', 'kitchen'],
      exhibits: sessionExhibits([ding()]),
      startScene: 'living',
      startView: { yaw: 10, pitch: 0, fov: 80 },
      maxViewers: 10,
      at: T0,
    }),
    0,
  );
}

function drive(room: SessionRoom) {
  let seq = room.seq;
  let at = T0;
  const apply = (e: Record<string, unknown>) => room.apply(++seq, { at: (at += 10), origin: 'i1', ...e } as SessionEvent)?.frame ?? null;
  return {
    attach: (pid: string, role: 'host' | 'viewer' = 'viewer') => apply({ type: 'attach', pid, name: pid, role, conn: `i1~${pid}` }),
    intent: (by: string, intent: Intent) => apply({ type: 'intent', by, intent }),
  };
}

const CAM = { position: [1, 2, 3] as [number, number, number], target: [0, 0.2, 0] as [number, number, number], fov: 40 };

describe('the shared view in a museum (room)', () => {
  it('the lead opens an exhibit in a hall, then an info point (its camera), and a walk to a hall closes it; every copy follows', () => {
    const room = museumRoom();
    const d = drive(room);
    d.attach('host', 'host');
    d.attach('anna');
    let anna: SessionSnapshot = room.snapshotFor('anna');
    expect(sharedViewOf(anna)).toEqual({ kind: 'panorama', sceneId: 'living', view: { yaw: 10, pitch: 0, fov: 80 } });

    const opened = d.intent('host', { type: 'goto', sceneId: 'kitchen', exhibit: { exhibitId: 'ding', camera: CAM } })!;
    expect(opened.changes.map((c) => c.type)).toEqual(['room', 'exhibit']);
    anna = applySessionDelta(anna, opened, 'anna');
    expect(sharedViewOf(anna)).toEqual({ kind: 'model', sceneId: 'kitchen', exhibitId: 'ding', camera: CAM, infoPointId: null });

    // An info point without a camera in the request: the point's own camera.
    const point = d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'handles' } })!;
    anna = applySessionDelta(anna, point, 'anna');
    expect(sharedViewOf(anna)).toMatchObject({ kind: 'model', exhibitId: 'ding', infoPointId: 'handles', camera: POINT_CAMERA });
    // A point without a camera keeps the camera where it is.
    anna = applySessionDelta(anna, d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'legs' } })!, 'anna');
    expect(anna.exhibit).toMatchObject({ infoPointId: 'legs', camera: POINT_CAMERA });

    const back = d.intent('host', { type: 'goto', sceneId: 'living' })!;
    expect(back.changes).toEqual([
      { type: 'room', sceneId: 'living', view: { yaw: 10, pitch: 0, fov: 80 }, by: 'host' },
      { type: 'exhibit', exhibit: null, by: 'host' },
    ]);
    anna = applySessionDelta(anna, back, 'anna');
    expect(sharedViewOf(anna)).toEqual({ kind: 'panorama', sceneId: 'living', view: { yaw: 10, pitch: 0, fov: 80 } });
    expect(anna).toEqual(room.snapshotFor('anna'));
  });

  it('an exhibit without a camera opens framed from its bounds; only the lead moves the group; unknown exhibits and points are refused', () => {
    const room = museumRoom();
    const d = drive(room);
    d.attach('host', 'host');
    d.attach('anna');
    expect(d.intent('anna', { type: 'goto', exhibit: { exhibitId: 'ding' } })).toBeNull();
    expect(d.intent('host', { type: 'goto', exhibit: { exhibitId: 'vase' } })).toBeNull();
    expect(d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'lid' } })).toBeNull();
    expect(room.snapshot().exhibit).toBeNull();
    d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding' } });
    const cam = room.snapshot().exhibit!.camera;
    expect(cam.target).toEqual([0, 0.2, 0]);
    expect(cam.position[2]).toBeGreaterThan(0.4); // in front of the box, outside it
    // A walk to a hall closes the open exhibit; with none open, a walk is the room change alone (what a home sees).
    expect(d.intent('host', { type: 'goto', sceneId: 'kitchen' })!.changes.map((c) => c.type)).toEqual(['room', 'exhibit']);
    expect(d.intent('host', { type: 'goto', sceneId: 'living' })!.changes.map((c) => c.type)).toEqual(['room']);
  });

  it('a site model: the lead’s era goes to everyone and stays across info points; an unknown era, or an era on a plain exhibit, is refused', () => {
    const site: ExhibitRecord = {
      ...ding(),
      id: 'site',
      role: 'site',
      eras: [
        { id: 'han', year: -200, label: 'Han', labelZh: '汉', nodes: ['wall'] },
        { id: 'tang', year: 700, label: 'Tang', nodes: ['pagoda'] },
      ],
    };
    const room = new SessionRoom(
      createRoomState({ id: 's2', placeId: 'museum', hostId: 'host', hostName: 'Docent Wang', sceneIds: ['kitchen'], exhibits: sessionExhibits([ding(), site]), startScene: 'kitchen', startView: { yaw: 0, pitch: 0, fov: 80 }, maxViewers: 10, at: T0 }),
      0,
    );
    const d = drive(room);
    d.attach('host', 'host');
    d.attach('anna');
    let anna: SessionSnapshot = room.snapshotFor('anna');
    expect(d.intent('host', { type: 'goto', exhibit: { exhibitId: 'site', eraId: 'ming' } })).toBeNull();
    expect(d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding', eraId: 'han' } })).toBeNull();
    expect(room.snapshot().exhibit).toBeNull();
    anna = applySessionDelta(anna, d.intent('host', { type: 'goto', exhibit: { exhibitId: 'site', eraId: 'han' } })!, 'anna');
    expect(sharedViewOf(anna)).toMatchObject({ kind: 'model', exhibitId: 'site', eraId: 'han' });
    anna = applySessionDelta(anna, d.intent('host', { type: 'goto', exhibit: { exhibitId: 'site', infoPointId: 'legs' } })!, 'anna');
    expect(anna.exhibit).toMatchObject({ infoPointId: 'legs', eraId: 'han' });
    // A saved session keeps the era and still refuses an unknown one after a restart.
    const back = new SessionRoom(fromStored(JSON.parse(JSON.stringify(toStored(room.state)))), 0);
    expect(back.snapshot().exhibit).toMatchObject({ exhibitId: 'site', eraId: 'han' });
    const db = drive(back);
    db.attach('host', 'host');
    expect(db.intent('host', { type: 'goto', exhibit: { exhibitId: 'site', eraId: 'ming' } })).toBeNull();
    expect(db.intent('host', { type: 'goto', exhibit: { exhibitId: 'site', eraId: 'tang' } })).not.toBeNull();
    anna = applySessionDelta(anna, d.intent('host', { type: 'goto', exhibit: { exhibitId: 'site', eraId: null } })!, 'anna');
    expect(anna.exhibit?.eraId ?? null).toBeNull();
  });

  it('frames: a goto needs a room or an exhibit; model numbers are bounded and ids checked', () => {
    expect(clientFrameSchema.safeParse({ type: 'goto' }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ type: 'goto', exhibit: { exhibitId: 'ding', camera: CAM } }).success).toBe(true);
    expect(clientFrameSchema.safeParse({ type: 'goto', exhibit: { exhibitId: 'Ding!' } }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ type: 'goto', exhibit: { exhibitId: 'ding', camera: { ...CAM, position: [1e9, 0, 0] } } }).success).toBe(false);
    const pose = { type: 'pose', sceneId: 'kitchen', yaw: 0, pitch: 0, fov: 70 };
    expect(clientFrameSchema.safeParse({ ...pose, model: { exhibitId: 'ding', camera: CAM, point: [0.1, 0.2, 0.1] } }).success).toBe(true);
    expect(clientFrameSchema.safeParse({ ...pose, model: { exhibitId: 'ding', camera: CAM, point: [0, Number.NaN, 0] } }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ ...pose, model: { exhibitId: 'ding', camera: { ...CAM, fov: 500 }, point: null } }).success).toBe(false);
  });

  it('a session saved before museums ({ sceneId, view } only, no exhibits) loads as a hall; one on an exhibit round-trips', () => {
    const room = museumRoom();
    const d = drive(room);
    d.attach('host', 'host');
    d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding', camera: CAM, infoPointId: 'legs' } });
    const stored = JSON.parse(JSON.stringify(toStored(room.state)));
    expect(fromStored(stored).exhibit).toEqual({ exhibitId: 'ding', camera: CAM, infoPointId: 'legs' });
    expect(Object.keys(fromStored(stored).exhibits)).toEqual(['ding']);
    const { exhibit: _e, exhibits: _x, ...v1 } = stored;
    const old = fromStored(v1);
    expect(old.exhibit).toBeNull();
    expect(old.exhibits).toEqual({});
    expect(sharedViewOf(new SessionRoom(old, 5).snapshot())).toEqual({ kind: 'panorama', sceneId: 'living', view: { yaw: 10, pitch: 0, fov: 80 } });
  });
});

describe('a museum without halls, and exhibits learnt mid-session (room)', () => {
  it('starts on its exhibit, refuses every walk to a room, survives a save (and a v1 reader still sees a hall id)', () => {
    const room = new SessionRoom(
      createRoomState({ id: 's3', placeId: 'gallery', hostId: 'host', hostName: 'Docent Wang', sceneIds: [], exhibits: sessionExhibits([ding()]), startScene: NO_HALL_ROOM, startView: { yaw: 0, pitch: 0, fov: 75 }, startExhibit: { exhibitId: 'ding', camera: CAM, infoPointId: null }, maxViewers: 10, at: T0 }),
      0,
    );
    const d = drive(room);
    d.attach('host', 'host');
    expect(sharedViewOf(room.snapshot())).toEqual({ kind: 'model', sceneId: NO_HALL_ROOM, exhibitId: 'ding', camera: CAM, infoPointId: null });
    expect(checkIntent(room.state, 'host', { type: 'goto', sceneId: 'kitchen' })).toMatchObject({ code: 'unknown_room' });
    expect(checkIntent(room.state, 'host', { type: 'goto', sceneId: 'kitchen', exhibit: { exhibitId: 'ding' } })).toMatchObject({ code: 'unknown_room' });
    expect(d.intent('host', { type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'handles' } })).not.toBeNull();
    const back = new SessionRoom(fromStored(JSON.parse(JSON.stringify(toStored(room.state)))), 0);
    expect(sharedViewOf(back.snapshot())).toMatchObject({ kind: 'model', sceneId: NO_HALL_ROOM, exhibitId: 'ding', infoPointId: 'handles' });
    expect(checkIntent(back.state, 'host', { type: 'goto', sceneId: 'living' })).toMatchObject({ code: 'unknown_room' });
  });

  it('a goto carrying an exhibit entry teaches every replica the exhibit at that seq; without one (or refused) nothing is learnt', () => {
    const room = museumRoom();
    room.apply(1, { type: 'attach', pid: 'host', name: 'host', role: 'host', conn: 'i1~h', at: T0, origin: 'i1' });
    room.apply(2, { type: 'attach', pid: 'anna', name: 'anna', role: 'viewer', conn: 'i1~a', at: T0, origin: 'i1' });
    const entry = sessionExhibits([{ ...ding(), id: 'vase' }]).vase;
    expect(room.apply(3, { type: 'intent', by: 'host', intent: { type: 'goto', exhibit: { exhibitId: 'vase' } }, at: T0, origin: 'i1' })).toBeNull();
    // Not the lead: refused, and the entry is not kept either.
    expect(room.apply(4, { type: 'intent', by: 'anna', intent: { type: 'goto', exhibit: { exhibitId: 'vase' } }, at: T0, origin: 'i1', exhibitEntry: { id: 'vase', entry } })).toBeNull();
    expect(Object.hasOwn(room.state.exhibits, 'vase')).toBe(false);
    const opened = room.apply(5, { type: 'intent', by: 'host', intent: { type: 'goto', exhibit: { exhibitId: 'vase' } }, at: T0, origin: 'i1', exhibitEntry: { id: 'vase', entry } });
    expect(opened?.frame.changes).toEqual([{ type: 'exhibit', exhibit: { exhibitId: 'vase', camera: entry.camera, infoPointId: null }, by: 'host' }]);
    expect(Object.keys(fromStored(JSON.parse(JSON.stringify(toStored(room.state)))).exhibits)).toEqual(['ding', 'vase']);
  });
});

// ---------------------------------------------------------------------------------------
// Over the wire, on the in-memory bus and on Redis (two instances, a restart)

const { admin, prefix } = useRedisPrefix();
let backing: Backing;
const servers: SessionServer[] = [];
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

beforeAll(async () => {
  backing = memoryBacking();
  await backing.places.put({ ...samplePlace('museum', { hostId: 'host-agent' }), kind: 'museum', exhibits: [ding()] });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
});

async function openExhibitAndPoint(host: WsClient, viewer: WsClient) {
  host.send({ type: 'goto', sceneId: 'kitchen', exhibit: { exhibitId: 'ding', camera: CAM } });
  const opened = await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'exhibit'));
  expect(opened.changes.find((c) => c.type === 'exhibit')).toMatchObject({ exhibit: { exhibitId: 'ding', camera: CAM, infoPointId: null } });
  host.send({ type: 'pose', sceneId: 'kitchen', yaw: 0, pitch: 0, fov: 70, model: { exhibitId: 'ding', camera: { ...CAM, position: [1.23456, 2, 3] }, point: [0.1, 0.3, 0.2] } });
  const pose = await viewer.next('pose', (p) => !!p.model);
  expect(pose.model).toEqual({ exhibitId: 'ding', camera: { ...CAM, position: [1.235, 2, 3] }, point: [0.1, 0.3, 0.2] });
  // Only the lead moves the group: the viewer's request is refused, nothing changes.
  viewer.send({ type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'legs' }, ref: 'v1' });
  expect(await viewer.next('error', (e) => e.ref === 'v1')).toMatchObject({ code: 'not_allowed' });
  host.send({ type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'handles' } });
  await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'exhibit' && c.exhibit?.infoPointId === 'handles'));
}

describe('the shared view in a museum (server)', () => {
  it('in-memory bus: a viewer sees the exhibit, the docent’s camera and laser on the model, and the info point; a late joiner lands on it', async () => {
    const srv = await startSessionServer(backing);
    servers.push(srv);
    const s = await startSession(srv.url, backing.hostToken, 'museum');
    const host = track(await WsClient.connect(srv.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Mei'));
    await openExhibitAndPoint(host, viewer);
    const late = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Late'));
    const state = late.welcome!.sync.kind === 'snapshot' ? late.welcome!.sync.state : null;
    expect(sharedViewOf(state!)).toEqual({ kind: 'model', sceneId: 'kitchen', exhibitId: 'ding', camera: POINT_CAMERA, infoPointId: 'handles' });
    expect(late.welcome!.poses.find((p) => p.model)?.model?.point).toEqual([0.1, 0.3, 0.2]);
    // A home's session is refused an exhibit.
    const home = await startSession(srv.url, backing.hostToken, backing.placeId);
    const agent = track(await WsClient.connect(srv.wsUrl, home.id, { hostKey: hostKeyOf(home.hostUrl) }));
    agent.send({ type: 'goto', exhibit: { exhibitId: 'ding' }, ref: 'x' });
    expect(await agent.next('error', (e) => e.ref === 'x')).toMatchObject({ code: 'unknown_room' });
  }, 30_000);

  it('Redis: a viewer on instance B follows the docent on A onto the exhibit; after a restart the session is back on it', async () => {
    await admin;
    const opts = { redisUrl: REDIS_URL, redisPrefix: prefix, limits: { graceMs: 5000, gazeFlushMs: 30 } };
    const a = await startSessionServer(backing, opts);
    const b = await startSessionServer(backing, opts);
    servers.push(a, b);
    const s = await startSession(a.url, backing.hostToken, 'museum');
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(b.url, b.wsUrl, s.id, 'Mei'));
    await openExhibitAndPoint(host, viewer);
    await a.close();
    await b.close();
    // A new process on the same Redis: the snapshot (or the log) brings the exhibit and its info point back.
    const c = await startSessionServer(backing, opts);
    servers.push(c);
    const back = track(await WsClient.connect(c.wsUrl, s.id, { token: viewer.welcome!.resumeToken }));
    const state = back.welcome!.sync.kind === 'snapshot' ? back.welcome!.sync.state : null;
    expect(sharedViewOf(state!)).toMatchObject({ kind: 'model', sceneId: 'kitchen', exhibitId: 'ding', infoPointId: 'handles' });
  }, 30_000);
});

// ---------------------------------------------------------------------------------------
// A museum with exhibits but no halls, and exhibits added while a session runs

describe('a hall-less museum and a live exhibit list (server)', () => {
  const vase = (): ExhibitRecord => ({ ...ding(), id: 'vase', title: 'Vase', hall: undefined, model: { ...ding().model, bounds: { min: [-1, 0, -1], max: [1, 2, 1] } } });

  it('a museum with exhibits and no halls starts on its first exhibit; viewers see it; no walk to a hall; a place with neither is refused by name', async () => {
    await backing.places.put({ ...samplePlace('gallery', { hostId: 'host-agent' }), kind: 'museum', scenes: [], floorPlan: undefined, coverScene: undefined, startScene: '', exhibits: [vase(), { ...ding(), hall: undefined }] });
    await backing.places.put({ ...samplePlace('empty-museum', { hostId: 'host-agent' }), kind: 'museum', scenes: [], floorPlan: undefined, coverScene: undefined, startScene: '', exhibits: [] });
    const srv = await startSessionServer(backing);
    servers.push(srv);
    const s = await startSession(srv.url, backing.hostToken, 'gallery');
    const host = track(await WsClient.connect(srv.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Mei'));
    const state = viewer.welcome!.sync.kind === 'snapshot' ? viewer.welcome!.sync.state : null;
    expect(sharedViewOf(state!)).toMatchObject({ kind: 'model', exhibitId: 'vase', camera: sessionExhibits([vase()]).vase.camera, infoPointId: null });
    // The lead switches exhibits; the viewer follows.
    host.send({ type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'handles' } });
    await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'exhibit' && c.exhibit?.exhibitId === 'ding'));
    // There is no hall to walk to: a room change is refused and the exhibit stays open.
    host.send({ type: 'goto', sceneId: 'kitchen', ref: 'hall' });
    expect(await host.next('error', (e) => e.ref === 'hall')).toMatchObject({ code: 'unknown_room' });
    // Poses carry the session's room id (a valid id), so the pose lane works without a panorama.
    host.send({ type: 'pose', sceneId: state!.room.sceneId, yaw: 0, pitch: 0, fov: 70, model: { exhibitId: 'ding', camera: CAM, point: null } });
    expect((await viewer.next('pose', (p) => !!p.model)).model?.exhibitId).toBe('ding');

    const res = await fetch(`${srv.url}/api/sessions`, { method: 'POST', headers: { authorization: `Bearer ${backing.hostToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ placeId: 'empty-museum' }) });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(JSON.stringify(body)).toMatch(/nothing_to_show/);
    expect(JSON.stringify(body)).toMatch(/hall or an exhibit/);
  }, 30_000);

  it('a host starting from an exhibit’s page: the group opens on that exhibit (over the start hall, or alone without halls); an unknown exhibit is refused by name', async () => {
    await backing.places.put({ ...samplePlace('gallery-b', { hostId: 'host-agent' }), kind: 'museum', scenes: [], floorPlan: undefined, coverScene: undefined, startScene: '', exhibits: [vase(), { ...ding(), hall: undefined }] });
    await backing.places.put({ ...samplePlace('museum-b', { hostId: 'host-agent' }), kind: 'museum', exhibits: [ding(), vase()] });
    const srv = await startSessionServer(backing);
    servers.push(srv);
    const start = (body: object) =>
      fetch(`${srv.url}/api/sessions`, { method: 'POST', headers: { authorization: `Bearer ${backing.hostToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const firstView = async (body: object) => {
      const res = await start(body);
      expect(res.status).toBe(201);
      const s = (await res.json()) as { id: string };
      const viewer = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Mei'));
      const state = viewer.welcome!.sync.kind === 'snapshot' ? viewer.welcome!.sync.state : null;
      return { view: sharedViewOf(state!), room: state!.room.sceneId };
    };
    // Without halls: the chosen (second) exhibit, not the first.
    expect((await firstView({ placeId: 'gallery-b', exhibitId: 'ding' })).view).toMatchObject({ kind: 'model', exhibitId: 'ding', camera: sessionExhibits([ding()]).ding.camera, infoPointId: null });
    // With halls: the exhibit over the start hall (Back to the hall leads there); without exhibitId, the hall alone.
    const withHalls = await firstView({ placeId: 'museum-b', exhibitId: 'vase' });
    expect(withHalls.view).toMatchObject({ kind: 'model', exhibitId: 'vase' });
    expect(withHalls.room).toBe('living');
    expect((await firstView({ placeId: 'museum-b' })).view).toMatchObject({ kind: 'panorama', sceneId: 'living' });

    const res = await start({ placeId: 'museum-b', exhibitId: 'gone' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toMatch(/exhibit_not_found.*gone/);
  }, 30_000);

  it('an exhibit added (or given a new info point) after the session started can be opened; on Redis, by a lead on another instance', async () => {
    await admin;
    await backing.places.put({ ...samplePlace('museum2', { hostId: 'host-agent' }), kind: 'museum', exhibits: [ding()] });
    const opts = { redisUrl: REDIS_URL, redisPrefix: prefix, limits: { graceMs: 5000, gazeFlushMs: 30 } };
    const a = await startSessionServer(backing, opts);
    const b = await startSessionServer(backing, opts);
    servers.push(a, b);
    const s = await startSession(a.url, backing.hostToken, 'museum2');
    const viewer = track(await joinAs(a.url, a.wsUrl, s.id, 'Mei'));
    const host = track(await WsClient.connect(b.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const d2 = ding();
    d2.infoPoints = [...d2.infoPoints, { id: 'lid', position: [0, 0.4, 0], title: 'Lid', text: 'Lost.' }];
    await backing.places.put({ ...samplePlace('museum2', { hostId: 'host-agent' }), kind: 'museum', exhibits: [d2, vase()] });
    host.send({ type: 'goto', exhibit: { exhibitId: 'vase' } });
    const opened = await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'exhibit'));
    expect(opened.changes.find((c) => c.type === 'exhibit')).toMatchObject({ exhibit: { exhibitId: 'vase', camera: sessionExhibits([vase()]).vase.camera } });
    // In order: a goto right behind the looked-up one lands after it.
    host.send({ type: 'goto', exhibit: { exhibitId: 'ding', infoPointId: 'lid' } });
    host.send({ type: 'chat', text: 'after the lid' });
    await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'exhibit' && c.exhibit?.infoPointId === 'lid'));
    await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'chat'));
    // Still refused when the place has no such exhibit either.
    host.send({ type: 'goto', exhibit: { exhibitId: 'bowl' }, ref: 'bowl' });
    expect(await host.next('error', (e) => e.ref === 'bowl')).toMatchObject({ code: 'unknown_room' });
  }, 30_000);
});
