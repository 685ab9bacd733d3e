import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_CLOSE_CODES, applySessionDelta, sessionSnapshotFor, type SessionSnapshot } from '../../../server/protocol/session.ts';
import { createMemoryBusHub } from '../../../server/sessions/bus/memory.ts';
import { createSeatTokens } from '../../../server/sessions/seatTokens.ts';
import { createMemorySessionStore } from '../../../server/sessions/store/memory.ts';
import { FakeClient, SECRET, hubWorld, waitFor, type HubWorld } from './helpers/fakeClient.ts';

let world: HubWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
const open = async (limits = {}) => (world = await hubWorld(limits));
const pose = (yaw: number, extra: Record<string, unknown> = {}) => ({ type: 'pose', sceneId: 'living', yaw, pitch: 1, fov: 80, ...extra });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client's own copy of the session: its welcome snapshot with every delta applied. */
function copyOf(c: FakeClient): SessionSnapshot {
  const w = c.welcome!;
  if (w.sync.kind !== 'snapshot') throw new Error('no snapshot');
  return c.of('delta').reduce((s, d) => applySessionDelta(s, d, w.you.id), w.sync.state);
}

describe('handshake', () => {
  it('the host key seats the host; a wrong key or token is refused with a typed reason and close code', async () => {
    const w = await open();
    const host = await w.host();
    expect(host.welcome).toMatchObject({ you: { role: 'host' }, sync: { kind: 'snapshot' }, voice: { enabled: false } });
    const bad = await w.connect({ hostKey: 'x'.repeat(43) });
    expect(bad.of('rejected')[0]).toMatchObject({ reason: 'unauthorized' });
    expect(bad.closed?.code).toBe(SESSION_CLOSE_CODES.unauthorized);
    const forged = await w.connect({ token: `${await w.seat('Mum')}x` });
    expect(forged.of('rejected')[0]).toMatchObject({ reason: 'unauthorized' });
  });

  it('refuses a token for another session, an expired one, and a hand-made one', async () => {
    const w = await open();
    const seats = createSeatTokens(SECRET);
    const other = seats.sign({ sid: 'another-session', pid: 'v1', name: 'Mum' }).token;
    expect((await w.connect({ token: other })).of('rejected')[0]).toMatchObject({ reason: 'unauthorized' });
    const expired = seats.sign({ sid: w.sessionId, pid: 'v1', name: 'Mum' }, -10).token;
    expect((await w.connect({ token: expired })).of('rejected')[0]).toMatchObject({ reason: 'unauthorized' });
    const wrongKey = createSeatTokens(Buffer.alloc(32, 1)).sign({ sid: w.sessionId, pid: 'v1', name: 'Mum' }).token;
    expect((await w.connect({ token: wrongKey })).of('rejected')[0]).toMatchObject({ reason: 'unauthorized' });
  });

  it('rejects another protocol version, saying which one it speaks', async () => {
    const w = await open();
    const c = await w.connect({ v: 99, token: await w.seat('Mum') });
    expect(c.of('rejected')[0]).toMatchObject({ reason: 'unsupported_version', supported: [1] });
    expect(c.closed?.code).toBe(SESSION_CLOSE_CODES.unsupported_version);
  });

  it('the first frame must be hello, and it must come soon', async () => {
    const w = await open({ helloTimeoutMs: 50 });
    const c = new FakeClient();
    c.conn = w.hub.accept(w.sessionId, c, '1.2.3.4');
    c.sendFrame({ type: 'chat', text: 'hi' });
    expect(c.of('rejected')[0]).toMatchObject({ reason: 'protocol_error' });
    const silent = new FakeClient();
    silent.conn = w.hub.accept(w.sessionId, silent, '1.2.3.4');
    await waitFor(() => silent.closed, 'hello timeout');
    expect(silent.of('rejected')[0]).toMatchObject({ reason: 'hello_timeout' });
    expect(silent.closed!.code).toBe(SESSION_CLOSE_CODES.hello_timeout);
  });

  it('an unknown session is not found', async () => {
    const w = await open();
    const c = new FakeClient();
    c.conn = w.hub.accept('no-such-session', c, '1.2.3.4');
    c.sendFrame({ type: 'hello', v: 1, token: await w.seat('Mum') });
    await waitFor(() => c.closed, 'close');
    expect(c.of('rejected')[0]).toMatchObject({ reason: 'session_not_found' });
  });

  it('limits handshakes per address', async () => {
    const w = await open({ hellosPerIp: { burst: 3, perSecond: 0.01 } });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await w.connect({ token: await w.seat(`V${i}`) }, '198.51.100.9'));
    expect(results.map((c) => (c.welcome ? 'ok' : c.of('rejected')[0]?.reason))).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
    // Another address is unaffected.
    expect((await w.connect({ token: await w.seat('Other') }, '198.51.100.10')).welcome).toBeDefined();
  });

  it('a full session refuses one more viewer (but not the host)', async () => {
    const w = await open({ maxViewers: 1 });
    const [one, two] = [await w.seat('One'), await w.seat('Two')];
    expect((await w.connect({ token: one })).welcome).toBeDefined();
    expect((await w.connect({ token: two })).of('rejected')[0]).toMatchObject({ reason: 'session_full' });
    expect(await w.hub.issueSeat(w.sessionId, 'Three')).toMatchObject({ ok: false, reason: 'session_full' });
    expect((await w.host()).welcome).toBeDefined();
  });
});

describe('state lane', () => {
  it('the host changes room and every viewer’s copy follows; their copies equal the server’s', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    const dad = await w.viewer('Dad');
    host.sendFrame({ type: 'goto', sceneId: 'kitchen', view: { yaw: 45, pitch: -3, fov: 70 } });
    for (const v of [mum, dad]) await v.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    const live = (await w.hub.open(w.sessionId))!;
    for (const v of [host, mum, dad]) expect(copyOf(v)).toEqual(sessionSnapshotFor(live.room.snapshot(), v.welcome!.you.id));
    // Strangers don't see each other: each viewer's roster is the host and itself.
    expect(copyOf(mum).participants.map((p) => p.name)).toEqual(['Agent Li', 'Mum']);
    expect(copyOf(host).participants.map((p) => p.name)).toEqual(['Agent Li', 'Mum', 'Dad']);
    expect(copyOf(dad).room).toEqual({ sceneId: 'kitchen', view: { yaw: 45, pitch: -3, fov: 70 } });
  });

  it('identities come from the server: a viewer cannot drive, claim the lead, or pose as someone else', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    const dad = await w.viewer('Dad');
    const hostId = host.welcome!.you.id;
    const before = JSON.stringify((await w.hub.open(w.sessionId))!.room.snapshot());
    mum.sendFrame({ type: 'goto', sceneId: 'kitchen', ref: 'g1' });
    expect(await mum.next('error', (e) => e.ref === 'g1')).toMatchObject({ code: 'not_allowed' });
    for (const f of [
      { type: 'lead', to: mum.welcome!.you.id },
      { type: 'remove', id: dad.welcome!.you.id },
      { type: 'mute', id: dad.welcome!.you.id, muted: true },
      { type: 'speak', id: mum.welcome!.you.id, allowed: true },
      { type: 'end' },
      { type: 'offer', open: true },
      { type: 'hand', up: false, id: dad.welcome!.you.id },
    ]) {
      mum.sendFrame({ ...f, ref: f.type });
      expect(await mum.next('error', (e) => e.ref === f.type)).toMatchObject({ code: 'not_allowed' });
    }
    // Extra fields claiming another identity or role are ignored.
    mum.sendFrame({ type: 'goto', sceneId: 'kitchen', by: hostId, role: 'host', from: hostId, ref: 'spoof' });
    expect(await mum.next('error', (e) => e.ref === 'spoof')).toMatchObject({ code: 'not_allowed' });
    mum.sendFrame(pose(33, { from: hostId }));
    const relayed = (await host.next('poses')).list;
    expect(relayed.map((p) => p.from)).toEqual([mum.welcome!.you.id]);
    await sleep(30);
    expect(JSON.stringify((await w.hub.open(w.sessionId))!.room.snapshot())).toBe(before);
    expect(dad.of('delta')).toEqual([]);
  });

  it('the host hands the lead to a viewer, the viewer drives, the host takes it back', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    const dad = await w.viewer('Dad');
    const mumId = mum.welcome!.you.id;
    host.sendFrame({ type: 'lead', to: mumId });
    await dad.next('delta', (d) => d.changes.some((c) => c.type === 'lead' && c.id === mumId));
    mum.sendFrame({ type: 'goto', sceneId: 'bedroom' });
    await dad.next('delta', (d) => d.changes.some((c) => c.type === 'room' && c.sceneId === 'bedroom' && c.by === mumId));
    // The lead's pose now reaches everyone at once.
    mum.sendFrame(pose(120, { sceneId: 'bedroom' }));
    expect(await dad.next('pose', (p) => p.yaw === 120)).toMatchObject({ from: mumId });
    host.sendFrame({ type: 'lead', to: null });
    await dad.next('delta', (d) => d.changes.some((c) => c.type === 'lead' && c.id === host.welcome!.you.id));
    mum.sendFrame({ type: 'goto', sceneId: 'kitchen', ref: 'after' });
    expect(await mum.next('error', (e) => e.ref === 'after')).toMatchObject({ code: 'not_allowed' });
    expect(copyOf(dad).room.sceneId).toBe('bedroom');
  });

  it('raise hand, chat (as text), invite to speak, mute: all reach the host', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum of Li');
    const mumId = mum.welcome!.you.id;
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'joined' && c.participant.id === mumId));
    mum.sendFrame({ type: 'hand', up: true });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'hand' && c.up));
    mum.sendFrame({ type: 'chat', text: '<img src=x onerror=alert(1)> is it\u0007 quiet?' });
    const chat = await host.next('delta', (d) => d.changes.some((c) => c.type === 'chat'));
    // Stored and sent as the text it is (clients render it as text); control characters are gone.
    expect(chat.changes[0]).toMatchObject({ type: 'chat', message: { from: mumId, name: 'Mum of Li', text: '<img src=x onerror=alert(1)> is it quiet?' } });
    host.sendFrame({ type: 'speak', id: mumId, allowed: true });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'speaker' && c.speaker));
    host.sendFrame({ type: 'mute', id: mumId, muted: true });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'muted' && c.muted));
    mum.sendFrame({ type: 'chat', text: 'still there?', ref: 'm' });
    expect(await mum.next('error', (e) => e.ref === 'm')).toMatchObject({ code: 'not_allowed' });
  });

  it('the host’s invitation to book reaches every viewer, including one who joins or resumes later; a malformed one is refused', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    host.sendFrame({ type: 'offer', open: 'yes', ref: 'bad' });
    expect(await host.next('error', (e) => e.ref === 'bad')).toMatchObject({ code: 'invalid_frame' });
    host.sendFrame({ type: 'offer', open: true });
    const d = await mum.next('delta', (f) => f.changes.some((c) => c.type === 'offer'));
    expect(d.changes).toEqual([{ type: 'offer', offer: { id: 1, by: host.welcome!.you.id, at: expect.any(Number) } }]);
    expect(copyOf(mum).bookingOffer).toMatchObject({ id: 1 });
    const dad = await w.viewer('Dad');
    expect(dad.welcome!.sync).toMatchObject({ kind: 'snapshot', state: { bookingOffer: { id: 1 } } });
    host.sendFrame({ type: 'offer', open: false });
    await mum.next('delta', (f) => f.changes.some((c) => c.type === 'offer' && c.offer === null));
    expect(copyOf(dad).bookingOffer).toBeNull();
  });

  it('a room change everyone saw is saved at once, even right after a join (whose save waits for the throttle)', async () => {
    const w = await open({ persistEveryMs: 60_000 });
    const host = await w.host();
    const saved = () => w.store.loadSnapshot(w.sessionId);
    const until = async (ok: (s: NonNullable<Awaited<ReturnType<typeof saved>>>) => boolean, what: string) => {
      const end = Date.now() + 1000;
      while (!ok((await saved())!)) {
        if (Date.now() > end) throw new Error(`not saved within 1 s: ${what}`);
        await sleep(5);
      }
    };
    await until((s) => s.state.participants.some((p) => p.role === 'host' && p.connected), 'the host connected');
    const mum = await w.viewer('Mum');
    await sleep(50);
    // Churn waits for the throttle…
    expect((await saved())!.state.participants.map((p) => p.name)).toEqual(['Agent Li']);
    // …a room change does not (and takes the join with it).
    host.sendFrame({ type: 'goto', sceneId: 'kitchen' });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    await until((s) => s.state.room.sceneId === 'kitchen', 'the room change');
    expect((await saved())!.state.participants.map((p) => p.name)).toEqual(['Agent Li', 'Mum']);
    host.sendFrame({ type: 'offer', open: true });
    await until((s) => s.state.bookingOffer !== null, 'the booking invitation');
  });

  it('chat is length-limited and rate-limited', async () => {
    const w = await open();
    await w.host();
    const mum = await w.viewer('Mum');
    mum.sendFrame({ type: 'chat', text: 'x'.repeat(501), ref: 'long' });
    expect(await mum.next('error', (e) => e.ref === 'long')).toMatchObject({ code: 'invalid_frame' });
    for (let i = 0; i < 8; i++) mum.sendFrame({ type: 'chat', text: `msg ${i}`, ref: `c${i}` });
    expect(await mum.next('error', (e) => e.code === 'rate_limited')).toBeDefined();
    await sleep(20);
    const sent = copyOf(mum).chat.length;
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(sent).toBeLessThanOrEqual(6);
  });

  it('the host removes a viewer: closed with a reason, and the seat token stops working', async () => {
    const w = await open();
    const host = await w.host();
    const token = await w.seat('Troll');
    const troll = await w.connect({ token });
    host.sendFrame({ type: 'remove', id: troll.welcome!.you.id });
    await waitFor(() => troll.closed, 'troll closed');
    expect(troll.of('bye')[0]).toMatchObject({ reason: 'removed' });
    expect(troll.closed!.code).toBe(SESSION_CLOSE_CODES.removed);
    expect((await w.connect({ token })).of('rejected')[0]).toMatchObject({ reason: 'removed' });
  });

  it('ending closes every socket and refuses newcomers', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    host.sendFrame({ type: 'end' });
    for (const c of [host, mum]) {
      await waitFor(() => c.closed, 'closed');
      expect(c.of('delta').at(-1)!.changes).toEqual([{ type: 'ended', by: host.welcome!.you.id }]);
      expect(c.closed!.code).toBe(SESSION_CLOSE_CODES.session_ended);
    }
    expect((await w.viewer('Late').catch((e: Error) => e.message)) as unknown).toBe('session_ended');
    expect((await w.host()).of('rejected')[0]).toMatchObject({ reason: 'session_ended' });
  });
});

describe('never lose anyone', () => {
  it('a late joiner gets the snapshot: the host’s room and the host’s latest view', async () => {
    const w = await open();
    const host = await w.host();
    host.sendFrame({ type: 'goto', sceneId: 'kitchen', view: { yaw: 10, pitch: 0, fov: 80 } });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    host.sendFrame(pose(77, { sceneId: 'kitchen', pointer: { yaw: 80, pitch: -10 } }));
    const late = await w.viewer('Late');
    expect(late.welcome!.sync).toMatchObject({ kind: 'snapshot', state: { room: { sceneId: 'kitchen' } } });
    expect(late.welcome!.poses).toEqual([expect.objectContaining({ from: host.welcome!.you.id, sceneId: 'kitchen', yaw: 77, pointer: { yaw: 80, pitch: -10 } })]);
  });

  it('a dropped viewer keeps its seat within the grace period and resumes with only the deltas it missed', async () => {
    const w = await open({ graceMs: 400 });
    const host = await w.host();
    const mum = await w.viewer('Mum');
    const mumId = mum.welcome!.you.id;
    host.sendFrame({ type: 'lead', to: mumId });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'lead'));
    const lastSeq = mum.lastSeq();
    mum.drop();
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && !c.connected));
    host.sendFrame({ type: 'chat', text: 'Mum, are you there?' });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'chat'));
    const back = await w.connect({ token: mum.welcome!.resumeToken, lastSeq });
    expect(back.welcome!.you.id).toBe(mumId);
    expect(back.welcome!.sync.kind).toBe('deltas');
    const missed = back.welcome!.sync.kind === 'deltas' ? back.welcome!.sync.deltas.flatMap((d) => d.changes.map((c) => c.type)) : [];
    expect(missed).toEqual(['presence', 'chat', 'presence']);
    // Still the lead: the seat was kept.
    back.sendFrame({ type: 'goto', sceneId: 'kitchen' });
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'room' && c.by === mumId));
    await sleep(600);
    expect((await w.hub.open(w.sessionId))!.state.participants.get(mumId)?.connected).toBe(true);
  });

  it('after the grace period a dropped viewer leaves the roster (and the lead returns to the host)', async () => {
    const w = await open({ graceMs: 150 });
    const host = await w.host();
    const mum = await w.viewer('Mum');
    host.sendFrame({ type: 'lead', to: mum.welcome!.you.id });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'lead'));
    mum.drop();
    const left = await host.next('delta', (d) => d.changes.some((c) => c.type === 'left'), 2000);
    expect(left.changes).toMatchObject([
      { type: 'left', id: mum.welcome!.you.id, reason: 'timeout' },
      { type: 'lead', id: host.welcome!.you.id },
    ]);
  });

  it('the same seat connecting again replaces the older socket', async () => {
    const w = await open();
    await w.host();
    const token = await w.seat('Mum');
    const tab1 = await w.connect({ token });
    const tab2 = await w.connect({ token });
    await waitFor(() => tab1.closed, 'tab1 closed');
    expect(tab1.of('bye')[0]).toMatchObject({ reason: 'replaced' });
    expect(tab1.closed!.code).toBe(SESSION_CLOSE_CODES.replaced);
    expect(tab2.welcome!.you.id).toBe(tab1.welcome!.you.id);
    await sleep(20);
    expect((await w.hub.open(w.sessionId))!.state.participants.get(tab2.welcome!.you.id)?.connected).toBe(true);
  });
});

describe('instances', () => {
  it('seats held by an instance that died without a word are released by the others, then expire', async () => {
    const mem = createMemoryBusHub();
    const store = createMemorySessionStore();
    const w1 = await hubWorld({ graceMs: 100 }, { bus: mem.connect(), store });
    const w2 = await hubWorld({ graceMs: 100 }, { bus: mem.connect(), store, sessionId: w1.sessionId, hostKey: w1.hostKey });
    try {
      const host = await w2.host();
      const mum = await w1.viewer('Mum');
      await host.next('delta', (d) => d.changes.some((c) => c.type === 'joined'));
      // Instance 1 crashes: its heartbeat stops, its sockets never report closing.
      await w1.bus.close();
      await (await w2.hub.open(w2.sessionId))!.sweep();
      await host.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && c.id === mum.welcome!.you.id && !c.connected));
      await host.next('delta', (d) => d.changes.some((c) => c.type === 'left' && c.reason === 'timeout'), 7000);
    } finally {
      await w1.hub.close();
      await w2.close();
    }
  }, 10_000);
});

describe('pose lane', () => {
  it('the host’s poses reach every viewer; viewers’ gaze is batched to the host only', async () => {
    const w = await open({ gazeFlushMs: 30 });
    const host = await w.host();
    const mum = await w.viewer('Mum');
    const dad = await w.viewer('Dad');
    host.sendFrame(pose(15, { pointer: { yaw: 20, pitch: 5 } }));
    for (const v of [mum, dad]) expect(await v.next('pose')).toMatchObject({ from: host.welcome!.you.id, yaw: 15, pointer: { yaw: 20, pitch: 5 } });
    mum.sendFrame(pose(100));
    dad.sendFrame(pose(-100));
    await waitFor(() => host.of('poses').flatMap((f) => f.list).length >= 2, 'gaze at the host');
    expect(host.of('poses').flatMap((f) => f.list.map((p) => p.from)).sort()).toEqual([mum.welcome!.you.id, dad.welcome!.you.id].sort());
    await sleep(60);
    expect(mum.of('poses')).toEqual([]);
    expect(dad.of('poses')).toEqual([]);
  });

  it('excess poses are dropped, not queued', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    // Paced one per tick (each is fanned out on its own), far above the rate: most are dropped.
    for (let i = 0; i < 120; i++) {
      host.sendFrame(pose(i % 180));
      await new Promise((r) => setImmediate(r));
    }
    await sleep(30);
    expect(mum.of('pose').length).toBeGreaterThan(5);
    expect(mum.of('pose').length).toBeLessThan(20);
    expect(w.hub.stats().posesRateDropped).toBeGreaterThan(90);
    // Dropping poses is not a punishment: the socket stays open.
    expect(host.closed).toBeNull();
  });

  it('lead poses read in one go are sent once: the newest wins', async () => {
    const w = await open();
    const host = await w.host();
    const mum = await w.viewer('Mum');
    for (let i = 1; i <= 5; i++) host.sendFrame(pose(i * 10));
    await sleep(20);
    expect(mum.of('pose').map((p) => p.yaw)).toEqual([50]);
    expect(w.hub.stats().posesCoalesced).toBe(4);
  });

  it('a slow socket loses poses but never state; one that cannot take state any more is closed and keeps its seat', async () => {
    const w = await open({ poseDropBytes: 1000, stateCloseBytes: 100_000 });
    const host = await w.host();
    const slow = await w.viewer('Slow');
    slow.buffered = 5000;
    host.sendFrame(pose(1));
    host.sendFrame({ type: 'goto', sceneId: 'kitchen' });
    await slow.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
    await sleep(10); // the pose's fan-out runs on the next tick
    expect(slow.of('pose')).toEqual([]);
    expect(w.hub.stats().posesBackpressureDropped).toBe(1);
    slow.buffered = 200_000;
    host.sendFrame({ type: 'goto', sceneId: 'bedroom' });
    await waitFor(() => slow.closed, 'slow closed');
    expect(slow.of('bye')[0]).toMatchObject({ reason: 'too_slow' });
    await sleep(20);
    expect((await w.hub.open(w.sessionId))!.state.participants.get(slow.welcome!.you.id)).toMatchObject({ connected: false });
  });
});

describe('abuse', () => {
  it('a flood of frames closes the socket with rate_limited; the seat gets its grace period', async () => {
    const w = await open({ frames: { burst: 50, perSecond: 10 } });
    const host = await w.host();
    const flood = await w.viewer('Flood');
    for (let i = 0; i < 80; i++) flood.sendFrame({ type: 'ping', t: i });
    await waitFor(() => flood.closed, 'closed');
    expect(flood.closed!.code).toBe(SESSION_CLOSE_CODES.rate_limited);
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && !c.connected));
  });

  it('repeated invalid frames close the socket with protocol_error', async () => {
    const w = await open();
    await w.host();
    const bad = await w.viewer('Bad');
    for (let i = 0; i < 30 && !bad.closed; i++) bad.sendFrame('{not json');
    expect(bad.of('error').length).toBeGreaterThanOrEqual(5);
    await waitFor(() => bad.closed, 'closed');
    expect(bad.closed!.code).toBe(SESSION_CLOSE_CODES.protocol_error);
  });
});
