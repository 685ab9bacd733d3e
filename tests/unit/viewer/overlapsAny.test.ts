import { describe, expect, it } from 'vitest';
import { overlapsAny } from '../../../client/viewer/overlapsAny.ts';

const rect = (a0: number, a1: number, b0: number, b1: number) => ({ a0, a1, b0, b1 });

describe('overlapsAny', () => {
  it('finds a shared area, not a shared edge or corner', () => {
    const left = rect(-1, 0, 1, -1);
    expect(overlapsAny(left, [rect(-0.5, 0.5, 0.2, -0.2)])).toBe(true);
    expect(overlapsAny(left, [rect(0, 1, 1, -1)])).toBe(false); // neighbours across an edge
    expect(overlapsAny(left, [rect(0, 1, -1, -2)])).toBe(false); // only a corner
    expect(overlapsAny(left, [rect(0.1, 1, 1, -1), rect(-0.9, -0.8, -0.5, -0.6)])).toBe(true);
  });

  it('no holes on a face means nothing overlaps', () => {
    expect(overlapsAny(rect(-1, 1, 1, -1), undefined)).toBe(false);
    expect(overlapsAny(rect(-1, 1, 1, -1), [])).toBe(false);
  });
});
