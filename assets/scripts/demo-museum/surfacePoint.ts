import type { Vec3 } from './MeshBuilder.ts';

/**
 * A point on a surface of revolution (radius(y) about the y axis) and its outward normal, at
 * `turn` (0 = facing +z, the default camera's side; 0.25 = +x) and height y; rounded to 0.1 mm.
 */
export function surfacePoint(turn: number, y: number, radius: (y: number) => number): { position: Vec3; normal: Vec3 } {
  const a = turn * Math.PI * 2;
  const r = radius(y);
  const dy = 0.002;
  const slope = (radius(y + dy) - radius(y - dy)) / (2 * dy);
  // The profile's outward normal in (r, y) is (1, -dr/dy), normalised.
  const len = Math.hypot(1, slope);
  const nr = 1 / len, ny = -slope / len;
  const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    position: [round(Math.sin(a) * r, 4), round(y, 4), round(Math.cos(a) * r, 4)],
    normal: [round(Math.sin(a) * nr, 3), round(ny, 3), round(Math.cos(a) * nr, 3)],
  };
}
