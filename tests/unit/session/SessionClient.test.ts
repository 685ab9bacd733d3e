import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../../../client/session/SessionClient.ts';
import { reconnectDelay } from '../../../client/session/reconnectDelay.ts';
import { ANNA, BEN, HOST, person, snapshot, socketFactory, welcome } from './fakes.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function make(credentials: { hostKey: string } | { token: string } = { token: 'v1.join' }) {
  const f = socketFactory();
  const tokens: string[] = [];
  const client = new SessionClient({
    url: 'ws://x/ws/sessions/sess1',
    credentials,
    createSocket: f.create,
    onResumeToken: (t) => tokens.push(t),
    backoff: { baseMs: 100, maxMs: 1600, random: () => 1 },
  });
  client.connect();
  return { client, f, tokens };
}

/** Connects and welcomes a viewer (Anna) with the default snapshot at seq 5. */
function live(over: Parameters<typeof welcome>[1] = {}) {
  const t = make();
  t.f.last.open();
  t.f.last.receive(welcome({ id: ANNA, role: 'viewer' }, over));
  return t;
}

describe('handshake', () => {
  it('says hello first with the protocol version and exactly one credential', () => {
    const host = make({ hostKey: 'secret-key' });
    host.f.last.open();
    expect(host.f.last.sent).toEqual([{ type: 'hello', v: 1, hostKey: 'secret-key' }]);
    const viewer = make({ token: 'v1.seat' });
    viewer.f.last.open();
    expect(viewer.f.last.sent).toEqual([{ type: 'hello', v: 1, token: 'v1.seat' }]);
    expect(viewer.client.state.status).toBe('connecting');
  });

  it('goes live on the welcome with the snapshot, its seq, its role and the resume token', () => {
    const { client, tokens } = live();
    expect(client.state.status).toBe('live');
    expect(client.state.seq).toBe(5);
    expect(client.state.me).toEqual({ id: ANNA, role: 'viewer' });
    expect(client.state.snapshot?.room.sceneId).toBe('living');
    expect(client.isLead).toBe(false);
    expect(client.me?.name).toBe('Anna');
    expect(tokens).toEqual([`v1.resume-${ANNA}`]);
  });

  it('is final after a rejection: unauthorized, not found, full, old version', () => {
    for (const [reason, code] of [
      ['unauthorized', 4004],
      ['session_not_found', 4005],
      ['session_full', 4007],
      ['unsupported_version', 4001],
    ] as const) {
      const { client, f } = make();
      f.last.open();
      f.last.receive({ type: 'rejected', reason, message: `no: ${reason}` });
      f.last.drop(code, reason);
      expect(client.state.status).toBe('failed');
      expect(client.state.reason).toBe(reason);
      expect(client.state.message).toBe(`no: ${reason}`);
      vi.advanceTimersByTime(60_000);
      expect(f.sockets).toHaveLength(1);
    }
  });

  it('skips frames it cannot read instead of failing', () => {
    const { client, f } = live();
    f.last.receiveRaw('not json');
    f.last.receiveRaw(new ArrayBuffer(4));
    f.last.receive({ type: 'surprise', x: 1 });
    f.last.receive({ type: 'delta', seq: 'six', changes: [] });
    expect(client.state.status).toBe('live');
    expect(client.state.seq).toBe(5);
  });
});

describe('state lane', () => {
  it('applies deltas in order and ignores ones it already has', () => {
    const { client, f } = live();
    f.last.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'room', sceneId: 'kitchen', view: { yaw: 30, pitch: 0, fov: 80 }, by: HOST }] });
    f.last.receive({ type: 'delta', seq: 8, at: 11, changes: [{ type: 'hand', id: ANNA, up: true }] });
    f.last.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'room', sceneId: 'bedroom', view: { yaw: 0, pitch: 0, fov: 90 }, by: HOST }] });
    expect(client.state.seq).toBe(8);
    expect(client.state.snapshot?.room.sceneId).toBe('kitchen');
    expect(client.me?.hand).toBe(true);
  });

  it('reports each delta with the state before it (for notices)', () => {
    const { client, f } = live();
    const seen: string[] = [];
    client.onDelta((d, before) => seen.push(`${d.seq}:${before.participants.length}`));
    f.last.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'joined', participant: person(BEN, 'Ben') }] });
    expect(seen).toEqual(['6:2']);
    expect(client.state.snapshot?.participants.map((p) => p.name)).toEqual(['Host', 'Anna', 'Ben']);
  });

  it('ends on an ended delta, and knows when it was removed', () => {
    const a = live();
    a.f.last.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'ended', by: HOST }] });
    expect(a.client.state.status).toBe('ended');
    const b = live();
    b.f.last.receive({ type: 'delta', seq: 6, at: 10, changes: [{ type: 'left', id: ANNA, reason: 'removed' }] });
    expect(b.client.state.status).toBe('removed');
  });
});

describe('reconnecting', () => {
  it('resumes after a drop with the resume token and lastSeq, and catches up from the missed deltas', () => {
    const { client, f } = live();
    f.last.receive({ type: 'delta', seq: 7, at: 10, changes: [{ type: 'hand', id: ANNA, up: true }] });
    f.last.drop(1006);
    expect(client.state.status).toBe('reconnecting');
    expect(client.state.snapshot?.room.sceneId).toBe('living'); // kept while away
    vi.advanceTimersByTime(100);
    expect(f.sockets).toHaveLength(2);
    f.last.open();
    expect(f.last.sent[0]).toEqual({ type: 'hello', v: 1, token: `v1.resume-${ANNA}`, lastSeq: 7 });
    f.last.receive(
      welcome(
        { id: ANNA, role: 'viewer' },
        {
          seq: 9,
          resumeToken: 'v1.second',
          sync: {
            kind: 'deltas',
            deltas: [
              { type: 'delta', seq: 7, at: 10, changes: [{ type: 'hand', id: ANNA, up: false }] }, // already had it
              { type: 'delta', seq: 9, at: 12, changes: [{ type: 'room', sceneId: 'bedroom', view: { yaw: 90, pitch: 0, fov: 90 }, by: HOST }] },
            ],
          },
        },
      ),
    );
    expect(client.state.status).toBe('live');
    expect(client.state.resumed).toBe(true);
    expect(client.state.seq).toBe(9);
    expect(client.state.snapshot?.room.sceneId).toBe('bedroom');
    expect(client.me?.hand).toBe(true);
  });

  it('backs off exponentially while the server stays away, and resets after a welcome', () => {
    const { client, f } = live();
    const opened: number[] = [];
    let t0 = Date.now();
    f.last.drop(1006);
    for (let i = 0; i < 6; i++) {
      const before = f.sockets.length;
      let waited = 0;
      while (f.sockets.length === before) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      opened.push(waited);
      f.last.drop(1006); // refused again
    }
    expect(opened).toEqual([100, 200, 400, 800, 1600, 1600]);
    // Back: the next drop starts over from the base delay.
    vi.advanceTimersByTime(1600);
    f.last.open();
    f.last.receive(welcome({ id: ANNA, role: 'viewer' }));
    expect(client.state.attempt).toBe(0);
    t0 = f.sockets.length;
    f.last.drop(1012, 'server_restart');
    vi.advanceTimersByTime(99);
    expect(f.sockets.length).toBe(t0);
    vi.advanceTimersByTime(1);
    expect(f.sockets.length).toBe(t0 + 1);
  });

  it('jitters the delay so a crowd does not come back at once', () => {
    expect(reconnectDelay(0, { baseMs: 1000, random: () => 0 })).toBe(500);
    expect(reconnectDelay(0, { baseMs: 1000, random: () => 1 })).toBe(1000);
    expect(reconnectDelay(10, { baseMs: 1000, maxMs: 8000, random: () => 1 })).toBe(8000);
  });

  it('reconnects after server_restart, too_slow and hello_timeout, not after removed, replaced, left or ended', () => {
    for (const [reason, code, again] of [
      ['server_restart', 1012, true],
      ['too_slow', 4011, true],
      ['hello_timeout', 4003, true],
      ['removed', 4008, false],
      ['replaced', 4009, false],
      ['left', 1000, false],
      ['session_ended', 4006, false],
    ] as const) {
      const { client, f } = live();
      f.last.receive({ type: 'bye', reason, message: reason });
      f.last.drop(code, reason);
      vi.advanceTimersByTime(5000);
      expect(f.sockets.length, reason).toBe(again ? 2 : 1);
      if (!again) expect(client.state.status).toBe({ removed: 'removed', replaced: 'replaced', left: 'left', session_ended: 'ended' }[reason as string]);
    }
  });

  it('waits longer after being rate limited', () => {
    const { f } = live();
    f.last.receive({ type: 'bye', reason: 'rate_limited', message: 'slow down' });
    f.last.drop(4010);
    vi.advanceTimersByTime(4999);
    expect(f.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(f.sockets).toHaveLength(2);
  });

  it('treats a socket that went silent as dropped (pings keep a live one talking)', () => {
    const t = make();
    const c = new SessionClient({ url: 'ws://x', credentials: { token: 'v1.a' }, createSocket: t.f.create, pingMs: 1000, silentMs: 3000, backoff: { baseMs: 100, random: () => 1 } });
    c.connect();
    const s = t.f.last;
    s.open();
    s.receive(welcome({ id: ANNA, role: 'viewer' }));
    vi.advanceTimersByTime(1000);
    expect(s.of('ping')).toHaveLength(1);
    s.receive({ type: 'pong', t: 1, now: 2 });
    vi.advanceTimersByTime(2500);
    expect(c.state.status).toBe('live');
    vi.advanceTimersByTime(2000); // nothing heard for > 3 s
    expect(c.state.status).toBe('reconnecting');
    expect(s.closed).not.toBeNull();
    c.dispose();
  });

  it('tries again when no welcome comes', () => {
    const { client, f } = make();
    f.last.open();
    vi.advanceTimersByTime(15_000);
    expect(client.state.status).toBe('connecting');
    vi.advanceTimersByTime(100);
    expect(f.sockets).toHaveLength(2);
  });

  it('holds requests made while away and sends them after the welcome; newer follow/goto replace older ones', () => {
    const { client, f } = live();
    f.last.drop(1006);
    client.send({ type: 'follow', on: false });
    client.send({ type: 'chat', text: 'Is the balcony south-facing?' });
    client.send({ type: 'follow', on: true });
    expect(client.sendPose({ sceneId: 'living', yaw: 1, pitch: 0, fov: 90 })).toBe(false);
    vi.advanceTimersByTime(100);
    f.last.open();
    f.last.receive(welcome({ id: ANNA, role: 'viewer' }));
    expect(f.last.sent.slice(1).map((x) => (x as { type: string }).type)).toEqual(['chat', 'follow']);
    expect(f.last.of<{ on: boolean }>('follow')[0].on).toBe(true);
  });

  it('dispose closes the socket and stops retrying', () => {
    const { client, f } = live();
    f.last.drop(1006);
    client.dispose();
    vi.advanceTimersByTime(60_000);
    expect(f.sockets).toHaveLength(1);
    const other = live();
    other.client.dispose();
    expect(other.f.last.closed?.code).toBe(1000);
  });
});

describe('pose lane', () => {
  const pose = (from: string, sceneId: string, yaw: number, t: number) => ({ from, sceneId, yaw, pitch: 0, fov: 90, pointer: null, vr: false, t });

  it("delivers the lead's pose, latest wins; everyone else's goes to gaze", () => {
    const { client, f } = live();
    const leads: number[] = [];
    const gazes: string[] = [];
    client.onPose((p) => leads.push(p.yaw));
    client.onGaze((list) => gazes.push(...list.map((p) => p.from)));
    f.last.receive({ type: 'pose', ...pose(HOST, 'living', 10, 100) });
    f.last.receive({ type: 'pose', ...pose(HOST, 'living', 5, 90) }); // older: dropped
    f.last.receive({ type: 'pose', ...pose(HOST, 'living', 20, 110) });
    f.last.receive({ type: 'poses', list: [pose(BEN, 'kitchen', 40, 100), pose(ANNA, 'living', 0, 100)] });
    expect(leads).toEqual([10, 20]);
    expect(client.leadPose?.yaw).toBe(20);
    expect(gazes).toEqual(['vBen']); // my own echo is not gaze
  });

  it('takes the latest poses from the welcome (a late joiner sees the lead at once)', () => {
    const { client } = live({ poses: [pose(HOST, 'kitchen', 33, 50)] });
    expect(client.leadPose?.sceneId).toBe('kitchen');
  });

  it('a viewer forgets the old lead’s pose when the lead changes hands (it has no fresh news of the new one)', () => {
    const { client, f } = live();
    f.last.receive({ type: 'pose', from: HOST, sceneId: 'kitchen', yaw: 1, pitch: 0, fov: 90, pointer: null, vr: false, t: 100 });
    f.last.receive({ type: 'delta', seq: 6, at: 101, changes: [{ type: 'lead', id: BEN, participant: person(BEN, 'Ben') }] });
    expect(client.leadPose).toBeNull();
    expect(client.gaze.size).toBe(0);
    expect(client.state.snapshot?.participants.map((p) => p.id)).toContain(BEN);
  });

  it('the host moves poses between lead and gaze when the lead changes hands', () => {
    const t = make({ hostKey: 'k' });
    t.f.last.open();
    t.f.last.receive(welcome({ id: HOST, role: 'host' }, { sync: { kind: 'snapshot', state: snapshot({ participants: [person(HOST, 'Host'), person(ANNA, 'Anna'), person(BEN, 'Ben')] }) } }));
    t.f.last.receive({ type: 'poses', list: [pose(ANNA, 'kitchen', 40, 100), pose(BEN, 'living', 1, 100)] });
    t.f.last.receive({ type: 'delta', seq: 6, at: 101, changes: [{ type: 'lead', id: ANNA, participant: person(ANNA, 'Anna') }] });
    expect(t.client.isLead).toBe(false);
    expect(t.client.leadPose?.from).toBe(ANNA);
    expect([...t.client.gaze.keys()]).toEqual([BEN]);
    t.f.last.receive({ type: 'delta', seq: 7, at: 102, changes: [{ type: 'left', id: BEN, reason: 'left' }] });
    expect(t.client.gaze.size).toBe(0);
  });

  it('sends poses only while live', () => {
    const { client, f } = live();
    expect(client.sendPose({ sceneId: 'living', yaw: 3, pitch: 1, fov: 80, pointer: null, vr: false })).toBe(true);
    expect(f.last.of('pose')).toEqual([{ type: 'pose', sceneId: 'living', yaw: 3, pitch: 1, fov: 80, pointer: null, vr: false }]);
  });

  it('passes refused requests on with their ref', () => {
    const { client, f } = live();
    const errors: unknown[] = [];
    client.onError((e) => errors.push(e));
    const ref = client.send({ type: 'goto', sceneId: 'kitchen' });
    expect(f.last.of<{ ref: string }>('goto')[0].ref).toBe(ref);
    f.last.receive({ type: 'error', code: 'not_allowed', message: 'Only the lead', ref });
    expect(errors).toEqual([{ code: 'not_allowed', message: 'Only the lead', ref }]);
  });
});
