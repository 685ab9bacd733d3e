import { afterAll, describe, expect, it } from 'vitest';
import type { Pose } from '../../../server/protocol/session.ts';
import { LOG_MAX_ENTRIES, LOG_RESTART_GAP, type BusHandler, type LogEntry, type SessionBus } from '../../../server/sessions/bus/SessionBus.ts';
import type { SessionEvent } from '../../../server/sessions/SessionEvent.ts';

/** What each bus implementation's test file provides to the shared cases. */
export interface BusHarness {
  kind: 'memory' | 'redis';
  /** A bus for one more server instance; buses of one harness share sessions, as instances sharing one Redis do. */
  connect(): Promise<SessionBus>;
}

let n = 0;
const sid = () => `bus-case-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const ev = (i: number, origin = 'test'): SessionEvent => ({ type: 'intent', by: `p${i}`, intent: { type: 'follow', on: i % 2 === 0 }, at: i, origin });
const pose = (from: string, yaw: number): Pose => ({ from, sceneId: 'living', yaw, pitch: 0, fov: 80, pointer: null, vr: false, t: Date.now() });

/** Records what a subscription delivers. */
function recorder() {
  const entries: LogEntry[] = [];
  const poses: Pose[] = [];
  let lost = 0;
  const handler: BusHandler = {
    onEntry: (e) => entries.push(e),
    onPoses: (p) => poses.push(...p),
    onLost: () => lost++,
  };
  return { handler, entries, poses, lost: () => lost };
}

async function until(cond: () => boolean, what: string, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The state lane and pose lane contract every bus must keep. */
export function busCases(h: BusHarness): void {
  describe(`session bus on ${h.kind}`, () => {
    const open: SessionBus[] = [];
    const connect = async () => {
      const b = await h.connect();
      open.push(b);
      return b;
    };
    afterAll(() => Promise.all(open.map((b) => b.close())));

    it('sequences appends and delivers each entry once, in order, chained by prev', async () => {
      const bus = await connect();
      const id = sid();
      const r = recorder();
      await bus.subscribe(id, 0, r.handler);
      const seqs: number[] = [];
      for (let i = 1; i <= 5; i++) seqs.push(await bus.append(id, ev(i)));
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
      await until(() => r.entries.length === 5, 'five entries');
      expect(r.entries.map((e) => [e.seq, e.prev, (e.event as { by: string }).by])).toEqual([
        [1, 0, 'p1'],
        [2, 1, 'p2'],
        [3, 2, 'p3'],
        [4, 3, 'p4'],
        [5, 4, 'p5'],
      ]);
    });

    it('two instances appending at once see one and the same order, from the bus', async () => {
      const a = await connect();
      const b = await connect();
      const id = sid();
      const ra = recorder();
      const rb = recorder();
      await a.subscribe(id, 0, ra.handler);
      await b.subscribe(id, 0, rb.handler);
      await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).append(id, ev(i, i % 2 ? 'a' : 'b'))));
      await until(() => ra.entries.length === 100 && rb.entries.length === 100, 'all entries on both');
      const order = (r: ReturnType<typeof recorder>) => r.entries.map((e) => `${e.seq}:${(e.event as { by: string }).by}`);
      expect(order(ra)).toEqual(order(rb));
      expect(ra.entries.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it('a late subscriber replays the log from its snapshot seq, then goes live with no gap and no repeat', async () => {
      const a = await connect();
      const b = await connect();
      const id = sid();
      for (let i = 1; i <= 10; i++) await a.append(id, ev(i));
      const r = recorder();
      await b.subscribe(id, 4, r.handler);
      expect(r.entries.map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10]);
      await a.append(id, ev(11));
      await until(() => r.entries.length === 7, 'the live entry');
      expect(r.entries.map((e) => e.seq)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    });

    it('a bus with no log for a restored session restarts the log past the snapshot seq, so old numbers are never reused', async () => {
      const bus = await connect();
      const id = sid();
      const r = recorder();
      await bus.subscribe(id, 42, r.handler);
      expect(r.entries).toEqual([{ seq: 42 + LOG_RESTART_GAP, prev: 42, event: null }]);
      expect(await bus.append(id, ev(1))).toBe(43 + LOG_RESTART_GAP);
      await until(() => r.entries.length === 2, 'the next entry');
      expect(r.entries[1]).toMatchObject({ seq: 43 + LOG_RESTART_GAP, prev: 42 + LOG_RESTART_GAP });
      // A second instance restoring from the same snapshot joins the same restarted log.
      const other = await connect();
      const r2 = recorder();
      await other.subscribe(id, 42, r2.handler);
      expect(r2.entries.map((e) => e.seq)).toEqual([42 + LOG_RESTART_GAP, 43 + LOG_RESTART_GAP]);
    });

    it('reports a lost log when entries after the cursor were trimmed', async () => {
      const bus = await connect();
      const id = sid();
      const count = LOG_MAX_ENTRIES + 400;
      for (let i = 0; i < count; i += 200) await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, j) => bus.append(id, ev(i + j))));
      const late = await connect();
      const r = recorder();
      await late.subscribe(id, 1, r.handler);
      await until(() => r.lost() === 1, 'onLost');
      expect(r.entries).toEqual([]);
    });

    it('one subscription per session per instance; unsubscribe stops delivery', async () => {
      const bus = await connect();
      const id = sid();
      const r = recorder();
      const s = await bus.subscribe(id, 0, r.handler);
      await expect(bus.subscribe(id, 0, recorder().handler)).rejects.toThrow(/already subscribes/);
      await bus.append(id, ev(1));
      await until(() => r.entries.length === 1, 'first entry');
      await s.unsubscribe();
      await bus.append(id, ev(2));
      await new Promise((res) => setTimeout(res, 100));
      expect(r.entries.length).toBe(1);
    });

    it('relays poses to other instances only, and remembers each sender’s latest', async () => {
      const a = await connect();
      const b = await connect();
      const id = sid();
      const ra = recorder();
      const rb = recorder();
      await a.subscribe(id, 0, ra.handler);
      await b.subscribe(id, 0, rb.handler);
      a.publishPoses(id, [pose('host', 1)]);
      a.publishPoses(id, [pose('host', 2), pose('mum', 5)]);
      await until(() => rb.poses.length === 3, 'poses on b');
      expect(rb.poses.map((p) => `${p.from}@${p.yaw}`)).toEqual(['host@1', 'host@2', 'mum@5']);
      expect(ra.poses).toEqual([]); // never echoed to the sender
      // Latest per sender, readable from any instance (a late joiner's first view).
      await until(() => false, 'nothing', 300).catch(() => {});
      const latest = async (bus: SessionBus) => (await bus.latestPoses(id)).map((p) => `${p.from}@${p.yaw}`).sort();
      expect(await latest(b)).toEqual(['host@2', 'mum@5']);
      expect(await latest(a)).toEqual(['host@2', 'mum@5']);
      a.forgetPoses(id, ['mum']);
      await until(() => false, 'nothing', 100).catch(() => {});
      expect(await latest(b)).toEqual(['host@2']);
    });

    it('knows which instances are alive', async () => {
      const a = await connect();
      const b = await connect();
      await a.heartbeat();
      await b.heartbeat();
      expect(await a.liveInstances([a.instanceId, b.instanceId, 'gone-instance'])).toEqual(new Set([a.instanceId, b.instanceId]));
      await b.close();
      expect(await a.liveInstances([a.instanceId, b.instanceId])).toEqual(new Set([a.instanceId]));
    });

    it('carries every event type intact', async () => {
      const bus = await connect();
      const id = sid();
      const r = recorder();
      await bus.subscribe(id, 0, r.handler);
      const events: SessionEvent[] = [
        { type: 'attach', pid: 'v1', name: 'Mum "quoted" <b>', role: 'viewer', conn: 'x~1', at: 1, origin: 'o' },
        { type: 'detach', pid: 'v1', conn: 'x~1', at: 2, origin: 'o' },
        { type: 'expire', pid: 'v1', conn: 'x~1', at: 3, origin: 'o' },
        { type: 'intent', by: 'h', intent: { type: 'chat', text: '你好\nline two' }, at: 4, origin: 'o' },
        { type: 'intent', by: 'h', intent: { type: 'goto', sceneId: 'kitchen', view: { yaw: 1.5, pitch: -2, fov: 75 } }, at: 5, origin: 'o' },
      ];
      for (const e of events) await bus.append(id, e);
      await until(() => r.entries.length === events.length, 'all events');
      expect(r.entries.map((e) => e.event)).toEqual(events);
    });
  });
}
