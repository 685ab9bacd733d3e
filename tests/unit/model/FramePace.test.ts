import { describe, expect, it } from 'vitest';
import { FramePace } from '../../../client/model/FramePace.ts';

/** Feeds frames `gaps` ms apart from t = 1000 and returns the last verdict. */
function run(pace: FramePace, start: number, gaps: number[]): { t: number; slow: boolean } {
  let t = start, slow = false;
  for (const g of gaps) slow = pace.frame((t += g));
  return { t, slow };
}

describe('FramePace', () => {
  it('a device rendering every display frame keeps up', () => {
    const pace = new FramePace();
    expect(run(pace, 0, Array(60).fill(16.7)).slow).toBe(false);
  });

  it('frames that take three display intervals are too slow, and one late frame is not', () => {
    const pace = new FramePace();
    const { t } = run(pace, 0, Array(30).fill(16.7));
    expect(pace.frame(t + 40)).toBe(false);
    expect(run(pace, t + 40, Array(10).fill(50)).slow).toBe(true);
  });

  it('a rest starts the count afresh: the first frames after it are not judged by the gap', () => {
    const pace = new FramePace();
    const { t } = run(pace, 0, Array(10).fill(16.7));
    expect(pace.frame(t + 2000)).toBe(false);
    expect(run(pace, t + 2000, [16.7, 16.7]).slow).toBe(false);
  });
});
