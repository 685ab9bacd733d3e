import type { FloorPlan } from '@protocol';

export interface PlanSnap {
  point: [number, number];
  /** What it snapped to: a room corner, a point on a wall, or nothing. */
  kind: 'corner' | 'wall' | 'free';
}

/**
 * Snaps a plan point (metres) to the nearest room corner within `tolerance` metres, else to
 * the nearest wall (polygon edge) within half that, else leaves it: so "measure a wall" is
 * two clicks near its ends, and the result is the wall's length on the plan, not where the
 * clicks happened to land.
 */
export function snapToPlan(p: readonly [number, number], plan: Pick<FloorPlan, 'rooms'>, tolerance: number): PlanSnap {
  let best: PlanSnap = { point: [p[0], p[1]], kind: 'free' };
  let bestD = tolerance;
  for (const r of plan.rooms)
    for (const [x, y] of r.polygon) {
      const d = Math.hypot(x - p[0], y - p[1]);
      if (d <= bestD) {
        bestD = d;
        best = { point: [x, y], kind: 'corner' };
      }
    }
  if (best.kind === 'corner') return best;
  bestD = tolerance / 2;
  for (const r of plan.rooms)
    for (let i = 0; i < r.polygon.length; i++) {
      const [ax, ay] = r.polygon[i];
      const [bx, by] = r.polygon[(i + 1) % r.polygon.length];
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2));
      const q: [number, number] = [ax + t * dx, ay + t * dy];
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d <= bestD) {
        bestD = d;
        best = { point: q, kind: 'wall' };
      }
    }
  return best;
}
