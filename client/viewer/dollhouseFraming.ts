import type { CameraPose, Vec3 } from './dollhouseFlight.ts';
import { yawOf } from './dollhouseFlight.ts';

const DEG = Math.PI / 180;

export interface Bounds {
  min: Vec3;
  max: Vec3;
}

export interface Framing {
  /** The pose of the overview camera. */
  pose: CameraPose;
  /** The point it looks at (the orbit centre). */
  target: Vec3;
  distance: number;
}

/**
 * The overview of a model: seen from `azimuth` degrees (compass bearing from the model to the
 * camera; 180 = from the south, so north is up on screen as on the floor plan) and
 * `elevation` degrees above the horizon, at the smallest distance at which every corner of
 * `bounds` falls inside `margin` of the viewport.
 */
export function frameBounds(bounds: Bounds, opts: { fov: number; aspect: number; azimuth?: number; elevation?: number; margin?: number }): Framing {
  const azimuth = (opts.azimuth ?? 195) * DEG;
  const elevation = (opts.elevation ?? 55) * DEG;
  const margin = opts.margin ?? 0.85;
  const target = {
    x: (bounds.min.x + bounds.max.x) / 2,
    // A little below the middle: the floor is what people look at.
    y: bounds.min.y + (bounds.max.y - bounds.min.y) * 0.3,
    z: (bounds.min.z + bounds.max.z) / 2,
  };
  // Unit vector from the target to the camera (bearing: 0 = north = −z, 90 = east = +x).
  const back = { x: Math.sin(azimuth) * Math.cos(elevation), y: Math.sin(elevation), z: -Math.cos(azimuth) * Math.cos(elevation) };
  const tanV = Math.tan((opts.fov * DEG) / 2), tanH = tanV * opts.aspect;
  // Camera basis: forward = −back; right = forward × up; up' = right × forward.
  const f = { x: -back.x, y: -back.y, z: -back.z };
  const rl = Math.hypot(f.z, f.x) || 1;
  const right = { x: -f.z / rl, y: 0, z: f.x / rl };
  const up = { x: right.y * f.z - right.z * f.y, y: right.z * f.x - right.x * f.z, z: right.x * f.y - right.y * f.x };
  const corners: Vec3[] = [];
  for (const x of [bounds.min.x, bounds.max.x]) for (const y of [bounds.min.y, bounds.max.y]) for (const z of [bounds.min.z, bounds.max.z]) corners.push({ x, y, z });
  const fits = (d: number) =>
    corners.every((c) => {
      const px = c.x - (target.x + back.x * d), py = c.y - (target.y + back.y * d), pz = c.z - (target.z + back.z * d);
      const depth = px * f.x + py * f.y + pz * f.z;
      if (depth <= 0) return false;
      const sx = (px * right.x + py * right.y + pz * right.z) / depth / tanH;
      const sy = (px * up.x + py * up.y + pz * up.z) / depth / tanV;
      return Math.abs(sx) <= margin && Math.abs(sy) <= margin;
    });
  // Fitting only gets easier with distance: bisect between "too close" and "fits".
  let lo = 0, hi = 1;
  while (!fits(hi) && hi < 1e5) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  const position = { x: target.x + back.x * hi, y: target.y + back.y * hi, z: target.z + back.z * hi };
  return { pose: { position, yaw: yawOf(f.x, f.z), pitch: -elevation / DEG, fov: opts.fov }, target, distance: hi };
}
