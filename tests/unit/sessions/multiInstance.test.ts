import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './helpers/fakeClient.ts';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';
import { memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

const { admin, prefix } = useRedisPrefix();
let backing: Backing;
const servers: SessionServer[] = [];
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

/** One more server instance on the shared Redis (and the shared database, as Postgres would be). */
async function instance(graceMs = 3000) {
  const s = await startSessionServer(backing, { redisUrl: REDIS_URL, redisPrefix: prefix, limits: { graceMs, gazeFlushMs: 30 } });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  await admin; // fails with how to start Redis
  backing = memoryBacking();
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
  await backing?.cleanup();
});

describe('two server instances on Redis', () => {
  it('a viewer on instance B follows a host on instance A: room, view, pointer; the host sees the viewer’s gaze and hand', async () => {
    const a = await instance();
    const b = await instance();
    expect(a.sessions.hub.bus.instanceId).not.toBe(b.sessions.hub.bus.instanceId);
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    // The join page found the session through B.
    const found = (await (await fetch(`${b.url}/api/sessions/by-code/${s.code.toLowerCase()}`)).json()) as { id: string; placeId: string };
    expect(found).toMatchObject({ id: s.id, placeId: backing.placeId });
    const viewer = track(await joinAs(b.url, b.wsUrl, s.id, 'Grandma'));
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'joined' && c.participant.name === 'Grandma'));

    const t0 = performance.now();
    host.send({ type: 'goto', sceneId: 'kitchen', view: { yaw: 15, pitch: -2, fov: 72 } });
    const moved = await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    expect(moved.changes[0]).toMatchObject({ type: 'room', sceneId: 'kitchen', view: { yaw: 15, pitch: -2, fov: 72 } });
    expect(moved.receivedAt - t0).toBeLessThan(500);

    host.send({ type: 'pose', sceneId: 'kitchen', yaw: 33, pitch: 4, fov: 72, pointer: { yaw: 40, pitch: 0 } });
    expect(await viewer.next('pose')).toMatchObject({ from: host.welcome!.you.id, yaw: 33, pointer: { yaw: 40, pitch: 0 } });

    viewer.send({ type: 'pose', sceneId: 'kitchen', yaw: -60, pitch: 0, fov: 80 });
    viewer.send({ type: 'hand', up: true });
    expect((await host.next('poses')).list).toEqual([expect.objectContaining({ from: viewer.welcome!.you.id, yaw: -60 })]);
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'hand' && c.up));

    // Both replicas agree, seq for seq.
    const [ra, rb] = [(await a.sessions.hub.open(s.id))!, (await b.sessions.hub.open(s.id))!];
    await waitFor(() => ra.room.seq === rb.room.seq, 'replicas in step');
    expect(rb.room.snapshot()).toEqual(ra.room.snapshot());
  });

  it('a late joiner on a third, cold instance lands in the host’s room and view (snapshot + log + latest pose from Redis)', async () => {
    const a = await instance();
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    host.send({ type: 'goto', sceneId: 'bath' });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    host.send({ type: 'pose', sceneId: 'bath', yaw: 123, pitch: 5, fov: 60 });
    await new Promise((r) => setTimeout(r, 400)); // latest poses are written to Redis in the background
    const c = await instance();
    const late = track(await joinAs(c.url, c.wsUrl, s.id, 'Late'));
    expect(late.welcome!.sync).toMatchObject({ kind: 'snapshot', state: { room: { sceneId: 'bath' }, leadId: host.welcome!.you.id } });
    expect(late.welcome!.poses).toEqual([expect.objectContaining({ from: host.welcome!.you.id, sceneId: 'bath', yaw: 123 })]);
  });

  it('a viewer dropped from B resumes its seat on A within the grace period', async () => {
    const a = await instance();
    const b = await instance();
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const mum = track(await joinAs(b.url, b.wsUrl, s.id, 'Mum'));
    host.send({ type: 'speak', id: mum.welcome!.you.id, allowed: true });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'speaker'));
    const lastSeq = mum.lastSeq();
    mum.drop();
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && !c.connected));
    const back = track(await WsClient.connect(a.wsUrl, s.id, { token: mum.welcome!.resumeToken, lastSeq }));
    expect(back.welcome!.you.id).toBe(mum.welcome!.you.id);
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && c.connected));
    const live = (await a.sessions.hub.open(s.id))!;
    expect(live.state.participants.get(mum.welcome!.you.id)).toMatchObject({ connected: true, speaker: true });
  });

  it('when the host’s instance goes away the host reconnects to another and the group carries on', async () => {
    const a = await instance();
    const b = await instance();
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const viewer = track(await joinAs(b.url, b.wsUrl, s.id, 'Dad'));
    host.send({ type: 'goto', sceneId: 'kitchen' });
    await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    await a.close();
    expect((await host.waitClosed()).code).toBe(1012);
    await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && c.id === host.welcome!.you.id && !c.connected));
    const host2 = track(await WsClient.connect(b.wsUrl, s.id, { token: host.welcome!.resumeToken, lastSeq: host.lastSeq() }));
    expect(host2.welcome!.you).toEqual(host.welcome!.you);
    host2.send({ type: 'goto', sceneId: 'bath' });
    await viewer.next('delta', (d) => d.changes.some((c) => c.type === 'room' && c.sceneId === 'bath'));
  });

  it('every instance restarts: the session comes back from Redis as it was', async () => {
    const a = await instance();
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const mum = track(await joinAs(a.url, a.wsUrl, s.id, 'Mum'));
    host.send({ type: 'goto', sceneId: 'kitchen', view: { yaw: -45, pitch: 0, fov: 65 } });
    mum.send({ type: 'chat', text: 'Is parking included?' });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'chat'));
    await a.close();
    await mum.waitClosed();
    const fresh = await instance();
    const mum2 = track(await WsClient.connect(fresh.wsUrl, s.id, { token: mum.welcome!.resumeToken, lastSeq: mum.lastSeq() }));
    expect(mum2.welcome!.you).toEqual(mum.welcome!.you);
    // The log is still in Redis, so this resume can even be served as deltas; either way the state is right.
    const host2 = track(await WsClient.connect(fresh.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const state = host2.welcome!.sync.kind === 'snapshot' ? host2.welcome!.sync.state : null;
    expect(state).toMatchObject({ room: { sceneId: 'kitchen', view: { yaw: -45, pitch: 0, fov: 65 } }, status: 'live' });
    expect(state!.chat.map((m) => m.text)).toEqual(['Is parking included?']);
    expect(state!.participants.find((p) => p.id === mum.welcome!.you.id)).toMatchObject({ name: 'Mum', connected: true });
  });
});
