import { describe, expect, it } from 'vitest';
import { PoseSender, type PoseSample } from '../../../client/session/PoseSender.ts';

const at = (yaw: number, extra: Partial<PoseSample> = {}): PoseSample => ({ sceneId: 'living', yaw, pitch: 0, fov: 90, ...extra });

/** Offers a pose every 16.7 ms frame for `seconds`, turning at `degPerSec`; returns the send times. */
function run(sender: PoseSender, seconds: number, degPerSec: number, t0 = 0) {
  const sent: number[] = [];
  for (let t = t0; t < t0 + seconds * 1000; t += 1000 / 60) if (sender.offer(at(((t - t0) / 1000) * degPerSec), t)) sent.push(t);
  return sent;
}

describe('PoseSender', () => {
  it('sends at most 20 frames a second for the lead and 10 for a viewer while the view moves', () => {
    const out: PoseSample[] = [];
    const lead = new PoseSender((p) => (out.push(p), true), 20);
    expect(run(lead, 2, 45).length).toBeGreaterThanOrEqual(38);
    expect(run(new PoseSender(() => true, 20), 2, 45).length).toBeLessThanOrEqual(41);
    const viewer = run(new PoseSender(() => true, 10), 2, 45);
    expect(viewer.length).toBeGreaterThanOrEqual(18);
    expect(viewer.length).toBeLessThanOrEqual(21);
  });

  it('sends nothing while the view is still', () => {
    const s = new PoseSender(() => true, 20);
    expect(s.offer(at(10), 0)).toBe(true);
    let n = 0;
    for (let t = 16; t < 5000; t += 16) if (s.offer(at(10), t)) n++;
    expect(n).toBe(0);
  });

  it('never loses the last change: it goes out on the first frame the rate allows', () => {
    const s = new PoseSender(() => true, 10);
    expect(s.offer(at(0), 0)).toBe(true);
    expect(s.offer(at(30), 20)).toBe(false); // too soon
    expect(s.offer(at(30), 99)).toBe(true);
  });

  it('counts a room change or a moved pointer as a change, and rounds what it sends', () => {
    const out: PoseSample[] = [];
    const s = new PoseSender((p) => (out.push(p), true), 20);
    s.offer(at(1.23456), 0);
    s.offer(at(1.23456, { sceneId: 'kitchen' }), 100);
    s.offer(at(1.23456, { sceneId: 'kitchen', pointer: { yaw: 3, pitch: 4 } }), 200);
    s.offer(at(1.23456, { sceneId: 'kitchen', pointer: null }), 300);
    expect(out.map((p) => [p.sceneId, p.yaw, p.pointer])).toEqual([
      ['living', 1.23, null],
      ['kitchen', 1.23, null],
      ['kitchen', 1.23, { yaw: 3, pitch: 4 }],
      ['kitchen', 1.23, null],
    ]);
  });

  it('tries again next frame when the socket is down, and resends after reset', () => {
    let up = false;
    const s = new PoseSender(() => up, 20);
    expect(s.offer(at(5), 0)).toBe(false);
    up = true;
    expect(s.offer(at(5), 16)).toBe(true);
    expect(s.offer(at(5), 200)).toBe(false);
    s.reset();
    expect(s.offer(at(5), 216)).toBe(true);
  });
});
