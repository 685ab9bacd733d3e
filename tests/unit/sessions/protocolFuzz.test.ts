import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_CLOSE_CODES, SESSION_MAX_FRAME_BYTES, clientFrameSchema } from '../../../server/protocol/session.ts';
import { FakeClient, hubWorld, waitFor, type HubWorld } from './helpers/fakeClient.ts';

/** Reproducible randomness: the seed is printed with any failure. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const VALID = [
  { type: 'ping', t: 1 },
  { type: 'pose', sceneId: 'living', yaw: 10, pitch: 0, fov: 80, pointer: { yaw: 1, pitch: 2 }, vr: false },
  { type: 'goto', sceneId: 'kitchen', view: { yaw: 1, pitch: 2, fov: 70 } },
  { type: 'follow', on: true },
  { type: 'hand', up: true },
  { type: 'chat', text: 'hello' },
  { type: 'lead', to: null },
  { type: 'mute', id: 'vabc', muted: true },
  { type: 'speak', id: 'vabc', allowed: true },
  { type: 'remove', id: 'vabc' },
  { type: 'end' },
  { type: 'offer', open: true },
  { type: 'leave' },
  { type: 'hello', v: 1, token: 'v1.x.y' },
] as const;

function randomString(r: Rng, max = 64): string {
  const pools = ['abcXYZ019', '\u0000\u0007\u001b\u007f', '\u202e\u200b\u2028\ufeff', '你好мир🙂', '"\\/{}[]<>&\'', '\ud800\udfff\ud83d'];
  let s = '';
  const n = r.int(max);
  for (let i = 0; i < n; i++) s += r.pick(pools)[r.int(6)] ?? 'x';
  return s;
}

function randomValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0, 1e-320, 720, -91, 121, 9.99]);
    case 3:
      return randomString(r);
    case 4:
      return r.pick(['', 'hello', 'pose', 'goto', 'host', 'viewer', '__proto__', 'constructor', 'NaN', 'Infinity']);
    case 5:
      return r.int(1000) - 500;
    case 6:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) o[r.pick(['type', 'v', 'id', 'to', 'text', 'yaw', 'sceneId', '__proto__', 'constructor', 'prototype', randomString(r, 8)])] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** A valid frame with one thing broken: a field removed, retyped or out of range, or the type changed. */
function mutated(r: Rng): unknown {
  const f: Record<string, unknown> = JSON.parse(JSON.stringify(r.pick(VALID)));
  const keys = Object.keys(f);
  const k = r.pick(keys);
  switch (r.int(5)) {
    case 0:
      delete f[r.pick(keys.filter((x) => x !== 'type').concat('type'))];
      break;
    case 1:
      f[k] = randomValue(r);
      break;
    case 2:
      f.type = r.pick([randomString(r, 10), 'POSE', 'pose ', 'welcome', 'delta', 'error', 7, null]);
      break;
    case 3:
      Object.assign(f, r.pick([{ yaw: 1e6 }, { pitch: 91 }, { fov: 5 }, { sceneId: '../etc' }, { sceneId: 'A' }, { text: 'x'.repeat(600) }, { text: '   ' }, { id: 'bad id!' }, { to: 42 }]));
      break;
    default:
      return JSON.parse(JSON.stringify([f]));
  }
  return f;
}

/** A frame the schema refuses (or isn't JSON at all), as text or bytes. */
function invalidFrame(r: Rng): string | Buffer | ArrayBuffer {
  for (;;) {
    const kind = r.int(10);
    if (kind === 0) return Buffer.from(randomString(r, 200));
    if (kind === 1) return new Uint8Array(Array.from({ length: r.int(300) }, () => r.int(256))).buffer;
    if (kind === 2) return randomString(r, 300); // mostly not JSON
    if (kind === 3) return '['.repeat(5000) + ']'.repeat(5000); // deep nesting within the size limit
    if (kind === 4) return `{"type":"pose","sceneId":"living","yaw":1e999,"pitch":0,"fov":80}`; // Infinity after parsing
    const value = kind < 7 ? randomValue(r) : mutated(r);
    if (value === undefined || clientFrameSchema.safeParse(value).success) continue; // only truly invalid frames
    return JSON.stringify(value);
  }
}

let world: HubWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const state = async (w: HubWorld) => {
  const live = (await w.hub.open(w.sessionId))!;
  return JSON.stringify({ seq: live.room.seq, snapshot: live.room.snapshot() });
};

describe('protocol fuzz', () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
  const FRAMES = 6000;

  it(`${FRAMES} random and malformed frames from the host and a viewer change nothing and crash nothing (seed ${seed})`, async () => {
    const w = (world = await hubWorld({ invalidFrames: { burst: 1e9, perSecond: 1e9 }, frames: { burst: 1e9, perSecond: 1e9 } }));
    const r = rng(seed);
    const host = await w.host();
    const mum = await w.viewer('Mum');
    await new Promise((res) => setTimeout(res, 10));
    const before = await state(w);
    const seen = { host: host.frames.length, mum: mum.frames.length };
    const sent = { host: 0, mum: 0 };
    for (let i = 0; i < FRAMES; i++) {
      const who = r.next() < 0.5 ? 'host' : 'mum';
      (who === 'host' ? host : mum).sendFrame(invalidFrame(r));
      sent[who]++;
    }
    await new Promise((res) => setTimeout(res, 50));
    expect(await state(w)).toBe(before);
    for (const [c, n, from] of [[host, sent.host, seen.host], [mum, sent.mum, seen.mum]] as const) {
      expect(c.closed).toBeNull();
      const after = c.frames.slice(from);
      // Every bad frame was answered with an error naming the problem; nothing else was sent.
      expect(after.length).toBe(n);
      expect(new Set(after.map((e) => (e.type === 'error' ? e.code : e.type)))).toEqual(new Set(['invalid_frame']));
    }
    expect(w.logs.filter((l) => l.includes('frame handling failed'))).toEqual([]);
    // And the session still works.
    host.sendFrame({ type: 'goto', sceneId: 'kitchen' });
    await mum.next('delta', (d) => d.changes.some((c) => c.type === 'room'));
  }, 60_000);

  it(`random first frames never seat anyone (seed ${seed})`, async () => {
    const w = (world = await hubWorld());
    const r = rng(seed + 1);
    await w.host();
    const before = await state(w);
    for (let i = 0; i < 300; i++) {
      const c = new FakeClient();
      c.conn = w.hub.accept(w.sessionId, c, '192.0.2.1');
      const f = r.next() < 0.3 ? { ...mutated(r) as object, type: 'hello' } : invalidFrame(r);
      c.sendFrame(f);
      await waitFor(() => c.closed || c.frames.length, 'an answer');
      expect(c.of('welcome')).toEqual([]);
    }
    await new Promise((res) => setTimeout(res, 20));
    expect(await state(w)).toBe(before);
    expect(w.logs.filter((l) => l.includes('failed'))).toEqual([]);
  }, 60_000);

  it('an oversized frame closes the socket before it is parsed; the session is unharmed', async () => {
    const w = (world = await hubWorld());
    const host = await w.host();
    const mum = await w.viewer('Mum');
    mum.sendFrame(JSON.stringify({ type: 'chat', text: 'x'.repeat(SESSION_MAX_FRAME_BYTES) }));
    await waitFor(() => mum.closed, 'closed');
    expect(mum.closed!.code).toBe(SESSION_CLOSE_CODES.protocol_error);
    const live = (await w.hub.open(w.sessionId))!;
    expect(live.state.chat).toEqual([]);
    await host.next('delta', (d) => d.changes.some((c) => c.type === 'presence' && !c.connected));
  });

  it('with the default limits, a stream of garbage gets the socket closed with protocol_error', async () => {
    const w = (world = await hubWorld());
    const r = rng(seed + 2);
    await w.host();
    const mum = await w.viewer('Mum');
    for (let i = 0; i < 100 && !mum.closed; i++) mum.sendFrame(invalidFrame(r));
    await waitFor(() => mum.closed, 'closed');
    expect(mum.closed!.code).toBe(SESSION_CLOSE_CODES.protocol_error);
  });
});
