import { describe, expect, it } from 'vitest';
import { AngleSync, DEFAULT_SYNC, type SyncAction, type SyncReading } from '../../../client/show/AngleSync.ts';

const T0 = Date.parse('2026-12-07T18:00:00Z');
const reading = (programMs: number, offsetMs = 0, ready = true): SyncReading => ({ programMs, offsetMs, ready });

/** A follower played against a main at rate 1 for `seconds`, 10 ticks a second; returns the trace. */
function simulate(opts: { startBehindMs: number; offsetMs?: number; noiseMs?: number; seconds?: number; seekCostMs?: number }) {
  const sync = new AngleSync();
  const offset = opts.offsetMs ?? 0;
  let main = T0;
  // The follower's program date: aligned to the main plus its offset, minus how far behind it starts.
  let follower = T0 + offset - opts.startBehindMs;
  let rate = 1;
  let seekingUntil = -1;
  let rng = 1;
  const noise = () => {
    rng = (rng * 16807) % 2147483647;
    return ((rng / 2147483647) * 2 - 1) * (opts.noiseMs ?? 0);
  };
  const rates: number[] = [];
  const errors: number[] = [];
  const actions: SyncAction[] = [];
  const dt = 100;
  for (let now = 0; now < (opts.seconds ?? 30) * 1000; now += dt) {
    main += dt;
    if (now >= seekingUntil) follower += dt * rate;
    const a = sync.update(now, reading(main + noise()), new Map([['b', reading(follower + noise(), offset, now >= seekingUntil)]])).get('b')!;
    actions.push(a);
    if (a.kind === 'rate') rate = a.rate;
    else {
      // A seek lands where it aimed, after the element spends seekCostMs frozen on it.
      follower += a.bySeconds * 1000;
      seekingUntil = now + (opts.seekCostMs ?? 200);
      rate = 1;
    }
    rates.push(rate);
    errors.push(main - (follower - offset));
  }
  return { rates, errors, actions };
}

describe('AngleSync', () => {
  it('speeds up a follower 200 ms behind, without seeking, until it is in step', () => {
    const { rates, errors, actions } = simulate({ startBehindMs: 200 });
    expect(rates[1]).toBeGreaterThan(1);
    expect(actions.some((a) => a.kind === 'seek')).toBe(false);
    expect(Math.abs(errors.at(-1)!)).toBeLessThan(20);
  });

  it('slows a follower that is ahead', () => {
    const { rates, errors } = simulate({ startBehindMs: -300 });
    expect(rates[1]).toBeLessThan(1);
    expect(Math.abs(errors.at(-1)!)).toBeLessThan(20);
  });

  it('seeks a follower 2 s behind, forward by about 2 s, then finishes by rate', () => {
    const { actions, errors } = simulate({ startBehindMs: 2000, seekCostMs: 250 });
    const seeks = actions.filter((a) => a.kind === 'seek');
    expect(seeks).toHaveLength(1);
    expect(seeks[0].kind === 'seek' && seeks[0].bySeconds).toBeGreaterThan(1.9);
    expect(Math.abs(errors.at(-1)!)).toBeLessThan(20);
  });

  it('holds an angle at its offset: 1.5 s of offset is not an error', () => {
    const { actions, errors, rates } = simulate({ startBehindMs: 0, offsetMs: 1500 });
    expect(actions.every((a) => a.kind === 'rate')).toBe(true);
    expect(rates.every((r) => r === 1)).toBe(true);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(1);
  });

  it('brings an offset angle to its offset, not to the main', () => {
    // Its program date starts level with the main's: it is 1.5 s ahead of where its offset puts it.
    const { errors } = simulate({ startBehindMs: -1500, offsetMs: 1500 });
    expect(Math.abs(errors.at(-1)!)).toBeLessThan(20);
  });

  it('keeps rates within the bound however far off', () => {
    for (const behind of [-900, -400, -50, 50, 400, 900, 5000]) {
      const { rates } = simulate({ startBehindMs: behind, noiseMs: 15 });
      for (const r of rates) {
        expect(r).toBeGreaterThanOrEqual(1 - DEFAULT_SYNC.maxRateDelta);
        expect(r).toBeLessThanOrEqual(1 + DEFAULT_SYNC.maxRateDelta);
      }
    }
  });

  it('does not oscillate on noisy readings of an angle already in step', () => {
    const { rates, errors, actions } = simulate({ startBehindMs: 0, noiseMs: 12, seconds: 60 });
    expect(actions.every((a) => a.kind === 'rate')).toBe(true);
    // Almost always left alone; when nudged, it never swings from fast to slow and back repeatedly.
    expect(rates.filter((r) => r !== 1).length / rates.length).toBeLessThan(0.1);
    let flips = 0;
    let last = 0;
    for (const r of rates) {
      const sign = Math.sign(r - 1);
      if (sign !== 0 && last !== 0 && sign !== last) flips++;
      if (sign !== 0) last = sign;
    }
    expect(flips).toBeLessThan(3);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(40);
  });

  it('converges on noisy readings from 300 ms behind and stays within 40 ms (p95)', () => {
    const { errors } = simulate({ startBehindMs: 300, noiseMs: 15, seconds: 60 });
    const settled = errors.slice(150).map(Math.abs).sort((a, b) => a - b);
    expect(settled[Math.floor(settled.length * 0.95)]).toBeLessThan(40);
  });

  it('ignores one stray far reading (no seek on a single glitch)', () => {
    const sync = new AngleSync();
    const a = sync.update(0, reading(T0), new Map([['b', reading(T0 - 3000)]])).get('b')!;
    expect(a).toEqual({ kind: 'rate', rate: 1 });
    const b = sync.update(100, reading(T0 + 100), new Map([['b', reading(T0 + 100)]])).get('b')!;
    expect(b).toEqual({ kind: 'rate', rate: 1 });
  });

  it('tells a follower rate 1 when the main or the follower has no reading', () => {
    const sync = new AngleSync();
    expect(sync.update(0, reading(T0, 0, false), new Map([['b', reading(T0 - 500)]])).get('b')).toEqual({ kind: 'rate', rate: 1 });
    expect(sync.update(0, reading(T0), new Map([['b', { programMs: null, offsetMs: 0, ready: true }]])).get('b')).toEqual({ kind: 'rate', rate: 1 });
  });
});
