import { describe, expect, it } from 'vitest';
import { PinchTwist } from '../../../../client/xr/ar/pinchTwist.ts';

describe('PinchTwist', () => {
  it('scales by the ratio of finger distances, clamped to 0.05×–3× of real size', () => {
    const g = new PinchTwist();
    expect(g.begin({ x: 0, y: 0 }, { x: 100, y: 0 }, 1, 0)).toBe(true);
    expect(g.move({ x: 0, y: 0 }, { x: 200, y: 0 })!.scale).toBeCloseTo(2);
    expect(g.move({ x: 0, y: 0 }, { x: 50, y: 0 })!.scale).toBeCloseTo(0.5);
    expect(g.move({ x: 0, y: 0 }, { x: 1000, y: 0 })!.scale).toBe(3);
    expect(g.move({ x: 0, y: 0 }, { x: 1, y: 0 })!.scale).toBe(0.05);
    g.end();
    expect(g.move({ x: 0, y: 0 }, { x: 1, y: 0 })).toBeNull();
  });

  it('starts from the current scale and yaw', () => {
    const g = new PinchTwist();
    g.begin({ x: 10, y: 10 }, { x: 30, y: 10 }, 0.2, 1);
    const r = g.move({ x: 10, y: 10 }, { x: 70, y: 10 })!;
    expect(r.scale).toBeCloseTo(0.6);
    expect(r.yaw).toBeCloseTo(1);
  });

  it('a clockwise twist on screen (y down) turns the model clockwise from above: yaw decreases', () => {
    const g = new PinchTwist();
    g.begin({ x: 0, y: 0 }, { x: 100, y: 0 }, 1, 0);
    // Second finger goes from the right to below the first: clockwise on a y-down screen.
    const r = g.move({ x: 0, y: 0 }, { x: 0, y: 100 })!;
    expect(r.yaw).toBeCloseTo(-Math.PI / 2);
    expect(r.scale).toBeCloseTo(1);
  });

  it('takes the short way across ±π', () => {
    const g = new PinchTwist();
    g.begin({ x: 0, y: 0 }, { x: -100, y: -1 }, 1, 0); // angle ≈ −π
    const r = g.move({ x: 0, y: 0 }, { x: -100, y: 1 })!; // angle ≈ +π
    expect(Math.abs(r.yaw)).toBeLessThan(0.05);
  });

  it('ignores two fingers on one spot', () => {
    const g = new PinchTwist();
    expect(g.begin({ x: 5, y: 5 }, { x: 5, y: 5 }, 1, 0)).toBe(false);
    expect(g.active).toBe(false);
  });
});
