import { describe, expect, it } from 'vitest';
import { snapToPlan } from '../../../client/viewer/measureSnap.ts';

const plan = {
  rooms: [
    { sceneId: 'kitchen', polygon: [[0, 0], [3.2, 0], [3.2, 3.4], [0, 3.4]] as [number, number][] },
    { sceneId: 'bathroom', polygon: [[3.2, 0], [5.6, 0], [5.6, 3.4], [3.2, 3.4]] as [number, number][] },
  ],
};

describe('snapping on the floor plan', () => {
  it('snaps to the nearest corner within the tolerance', () => {
    expect(snapToPlan([3.15, 0.08], plan, 0.2)).toEqual({ point: [3.2, 0], kind: 'corner' });
    expect(snapToPlan([0.05, 3.3], plan, 0.2)).toEqual({ point: [0, 3.4], kind: 'corner' });
  });

  it('else onto a wall within half the tolerance', () => {
    const s = snapToPlan([1.5, 0.06], plan, 0.2);
    expect(s.kind).toBe('wall');
    expect(s.point[0]).toBeCloseTo(1.5, 9);
    expect(s.point[1]).toBeCloseTo(0, 9);
  });

  it('leaves a point in the middle of a room alone', () => {
    expect(snapToPlan([1.5, 1.7], plan, 0.2)).toEqual({ point: [1.5, 1.7], kind: 'free' });
    expect(snapToPlan([1.5, 0.15], plan, 0.2).kind).toBe('free');
  });

  it('so a wall measured corner to corner is its length on the plan', () => {
    const a = snapToPlan([0.04, 0.05], plan, 0.2).point;
    const b = snapToPlan([3.17, -0.03], plan, 0.2).point;
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(3.2, 9);
  });
});
