import type { Vec3 } from './dollhouseFlight.ts';

export interface OrbitLimits {
  minDistance: number;
  maxDistance: number;
  /** Degrees above the horizon. */
  minElevation: number;
  maxElevation: number;
}

/**
 * One keyboard step of the orbit: the camera turns `dAzimuth` degrees round the target
 * (positive = clockwise seen from above), rises `dElevation` degrees and moves `zoom` times
 * its distance, within the limits. Returns the new camera position; the target stays.
 */
export function orbitStep(position: Vec3, target: Vec3, step: { dAzimuth?: number; dElevation?: number; zoom?: number }, limits: OrbitLimits): Vec3 {
  const ox = position.x - target.x, oy = position.y - target.y, oz = position.z - target.z;
  const dist = Math.hypot(ox, oy, oz) || limits.minDistance;
  const bearing = Math.atan2(ox, -oz) + ((step.dAzimuth ?? 0) * Math.PI) / 180;
  const elevDeg = (Math.asin(Math.max(-1, Math.min(1, oy / dist))) * 180) / Math.PI + (step.dElevation ?? 0);
  const elev = (Math.max(limits.minElevation, Math.min(limits.maxElevation, elevDeg)) * Math.PI) / 180;
  const d = Math.max(limits.minDistance, Math.min(limits.maxDistance, dist * (step.zoom ?? 1)));
  return {
    x: target.x + Math.sin(bearing) * Math.cos(elev) * d,
    y: target.y + Math.sin(elev) * d,
    z: target.z - Math.cos(bearing) * Math.cos(elev) * d,
  };
}
