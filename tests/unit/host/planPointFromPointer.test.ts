import { describe, expect, it } from 'vitest';
import { planPointFromPointer } from '../../../client/host/planPointFromPointer.ts';

describe('planPointFromPointer (floor-plan drag → metres)', () => {
  const box = { left: 100, top: 50, width: 500, height: 400 };
  const plan = { width: 10, height: 8 };

  it('maps the board linearly onto the plan, in metres', () => {
    expect(planPointFromPointer(box, plan, 100, 50)).toEqual({ x: 0, y: 0 });
    expect(planPointFromPointer(box, plan, 600, 450)).toEqual({ x: 10, y: 8 });
    expect(planPointFromPointer(box, plan, 350, 250)).toEqual({ x: 5, y: 4 });
    expect(planPointFromPointer(box, plan, 133, 77)).toEqual({ x: 0.66, y: 0.54 });
  });

  it('keeps a marker dragged past the edge on the plan', () => {
    expect(planPointFromPointer(box, plan, 0, 1000)).toEqual({ x: 0, y: 8 });
    expect(planPointFromPointer(box, plan, 9999, -5)).toEqual({ x: 10, y: 0 });
  });

  it('survives a board that has no size yet', () => {
    expect(planPointFromPointer({ left: 0, top: 0, width: 0, height: 0 }, plan, 10, 10)).toEqual({ x: 0, y: 0 });
  });
});
