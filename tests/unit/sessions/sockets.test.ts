import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SESSION_CLOSE_CODES, SESSION_MAX_FRAME_BYTES } from '../../../server/protocol/session.ts';
import { createDb } from '../../../server/db/createDb.ts';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../../server/db/createHostStore.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { waitFor } from './helpers/fakeClient.ts';
import { createBacking, memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

let backing: Backing;
let srv: SessionServer;
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);
const pose = (yaw: number, sceneId = 'living') => ({ type: 'pose', sceneId, yaw, pitch: 0, fov: 80 });

beforeAll(async () => {
  backing = memoryBacking();
  srv = await startSessionServer(backing, { limits: { graceMs: 2000 } });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await srv?.close();
  await backing?.cleanup();
});

async function session() {
  const s = await startSession(srv.url, backing.hostToken, backing.placeId);
  const host = track(await WsClient.connect(srv.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
  return { s, host };
}

describe('guided session over real sockets', () => {
  it('the host changes room and the viewer receives it at once; the host’s view and pointer follow', async () => {
    const { s, host } = await session();
    expect(host.welcome).toMatchObject({ you: { role: 'host' } });
    const viewer = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Mum'));
    const t0 = performance.now();
    host.send({ type: 'goto', sceneId: 'kitchen', view: { yaw: 30, pitch: 0, fov: 75 } });
    const d = await viewer.next('delta', (x) => x.changes.some((c) => c.type === 'room'));
    expect(d.changes).toEqual([{ type: 'room', sceneId: 'kitchen', view: { yaw: 30, pitch: 0, fov: 75 }, by: host.welcome!.you.id }]);
    expect(d.receivedAt - t0).toBeLessThan(500);
    host.send({ ...pose(42, 'kitchen'), pointer: { yaw: 50, pitch: -5 } });
    expect(await viewer.next('pose')).toMatchObject({ from: host.welcome!.you.id, sceneId: 'kitchen', yaw: 42, pointer: { yaw: 50, pitch: -5 } });
  });

  it('a late joiner lands in the host’s room and view', async () => {
    const { s, host } = await session();
    host.send({ type: 'goto', sceneId: 'bath' });
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'room'));
    host.send(pose(-120, 'bath'));
    await new Promise((r) => setTimeout(r, 50));
    const late = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Late'));
    expect(late.welcome!.sync).toMatchObject({ kind: 'snapshot', state: { room: { sceneId: 'bath' } } });
    expect(late.welcome!.poses).toEqual([expect.objectContaining({ from: host.welcome!.you.id, sceneId: 'bath', yaw: -120 })]);
  });

  it('a viewer whose network drops resumes its seat within the grace period', async () => {
    const { s, host } = await session();
    const mum = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Mum'));
    mum.send({ type: 'hand', up: true });
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'hand'));
    const lastSeq = mum.lastSeq();
    mum.drop();
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'presence' && !c.connected));
    host.send({ type: 'goto', sceneId: 'kitchen' });
    const back = track(await WsClient.connect(srv.wsUrl, s.id, { token: mum.welcome!.resumeToken, lastSeq }));
    expect(back.welcome!.you.id).toBe(mum.welcome!.you.id);
    // It gets exactly what it missed: its own drop, the room change (if sequenced before it), its return.
    expect(back.welcome!.sync.kind).toBe('deltas');
    const missed = back.welcome!.sync.kind === 'deltas' ? back.welcome!.sync.deltas.flatMap((d) => d.changes) : [];
    expect(missed.filter((c) => c.type === 'room').length + back.of('delta').filter((d) => d.changes.some((c) => c.type === 'room')).length).toBe(1);
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'presence' && c.connected));
    // The hand is still up: same seat.
    const live = (await srv.sessions.hub.open(s.id))!;
    expect(live.state.participants.get(mum.welcome!.you.id)).toMatchObject({ connected: true, hand: true });
  });

  it('malformed frames over the wire (binary, bad JSON, wrong shapes, too big) never change state or harm others', async () => {
    const { s, host } = await session();
    const mum = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Mum'));
    const live = (await srv.sessions.hub.open(s.id))!;
    await new Promise((r) => setTimeout(r, 30));
    const before = JSON.stringify(live.room.snapshot());
    mum.ws.send(Buffer.from([0, 1, 2, 255]), { binary: true });
    mum.send('{"type":"goto",');
    mum.send({ type: 'goto', sceneId: 42 });
    mum.send({ type: 'pose', sceneId: 'living', yaw: 'north', pitch: 0, fov: 80 });
    await waitFor(() => mum.of('error').length === 4, 'four errors');
    expect(mum.of('error').map((e) => e.code)).toEqual(['invalid_frame', 'invalid_frame', 'invalid_frame', 'invalid_frame']);
    // Bigger than the frame limit: ws closes it (1009) before our code ever buffers it.
    mum.send({ type: 'chat', text: 'x'.repeat(SESSION_MAX_FRAME_BYTES + 10) });
    expect((await mum.waitClosed()).code).toBe(1009);
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'presence' && !c.connected));
    const after = JSON.parse(JSON.stringify(live.room.snapshot()));
    const mumId = mum.welcome!.you.id;
    after.participants.find((p: { id: string }) => p.id === mumId).connected = true; // the only change: the closed socket
    expect(JSON.stringify(after)).toBe(before);
    host.send({ type: 'ping', t: 7 });
    expect(await host.next('pong')).toMatchObject({ t: 7 });
  });

  it('refuses unknown sessions and leaves other upgrade paths alone', async () => {
    const nobody = track(await WsClient.connect(srv.wsUrl, 'nope', { token: 'v1.a.b' }));
    expect(nobody.of('rejected')[0]).toMatchObject({ reason: 'session_not_found' });
    expect((await nobody.waitClosed()).code).toBe(SESSION_CLOSE_CODES.session_not_found);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${srv.wsUrl}/somewhere-else`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it('an upgrade whose client vanishes without a word does not hang the server', async () => {
    const sock = net.connect(srv.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write('GET /ws/sessions/x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    const reply = await new Promise<string>((r) => sock.once('data', (d) => r(d.toString())));
    expect(reply).toMatch(/^HTTP\/1.1 101/);
    sock.destroy();
    // The server still answers.
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  });
});

describe('restart', () => {
  it('the server restarts mid-session: clients are told to reconnect, and the session comes back as it was (database)', async () => {
    const b = await createBacking();
    let a = await startSessionServer(b, { limits: { graceMs: 5000 } });
    const s = await startSession(a.url, b.hostToken, b.placeId);
    const host = await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) });
    const mum = await joinAs(a.url, a.wsUrl, s.id, 'Mum');
    host.send({ type: 'goto', sceneId: 'kitchen', view: { yaw: 90, pitch: 0, fov: 70 } });
    mum.send({ type: 'hand', up: true });
    mum.send({ type: 'chat', text: 'Where is the balcony?' });
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'chat'));
    await mum.next('delta', (x) => x.changes.some((c) => c.type === 'room'));
    const port = a.port;
    await a.close();
    for (const c of [host, mum]) {
      expect(c.of('bye').at(-1)).toMatchObject({ reason: 'server_restart' });
      expect((await c.waitClosed()).code).toBe(1012);
    }
    // A new process: the embedded database is closed and reopened from its folder.
    await b.db.close();
    const db = await createDb({ dataDir: b.dir });
    await migrate(db);
    const b2 = { ...b, db, places: createDbPlaceStore(db), hosts: createHostStore(db) };
    a = await startSessionServer(b2, { port, limits: { graceMs: 5000 } });
    try {
      const host2 = await WsClient.connect(a.wsUrl, s.id, { token: host.welcome!.resumeToken, lastSeq: host.lastSeq() });
      const mum2 = await WsClient.connect(a.wsUrl, s.id, { token: mum.welcome!.resumeToken, lastSeq: mum.lastSeq() });
      expect(host2.welcome!.you).toEqual(host.welcome!.you);
      expect(mum2.welcome!.you).toEqual(mum.welcome!.you);
      // The log restarted with the process: a snapshot, in the same room, with the same people, hand and chat.
      const state = mum2.welcome!.sync.kind === 'snapshot' ? mum2.welcome!.sync.state : null;
      expect(state).toMatchObject({ room: { sceneId: 'kitchen', view: { yaw: 90, pitch: 0, fov: 70 } }, leadId: host.welcome!.you.id, status: 'live' });
      expect(state!.participants.find((p) => p.id === mum.welcome!.you.id)).toMatchObject({ name: 'Mum', hand: true });
      expect(state!.chat.map((m) => m.text)).toEqual(['Where is the balcony?']);
      host2.send({ type: 'goto', sceneId: 'bath' });
      await mum2.next('delta', (x) => x.changes.some((c) => c.type === 'room' && c.sceneId === 'bath'));
      await Promise.all([host2.close(), mum2.close()]);
    } finally {
      await a.close();
      await b2.db.close();
      await b.cleanup();
    }
  }, 60_000);
});
