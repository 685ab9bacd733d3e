import { normaliseYaw } from '@protocol';
import { yawDelta } from './viewMath.ts';

/** A point in dollhouse space: floor-plan metres, x = plan x, z = plan y, y up. */
export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/**
 * Where a camera is and where it looks, in the panorama's terms: yaw 0 looks at −z (north on
 * the plan), yaw grows towards +x, pitch up; `fov` is the vertical field of view (deg), as
 * three.js cameras take it.
 */
export interface CameraPose {
  position: Vec3;
  yaw: number;
  pitch: number;
  fov: number;
}

export interface Flight {
  /** Seconds. */
  duration: number;
  from: CameraPose;
  to: CameraPose;
  /** The pose at `seconds` into the flight (clamped to its ends). */
  at(seconds: number): CameraPose;
}

/** About as long as a hotspot walk feels: long enough to see where you go, short enough not to wait. */
export const FLIGHT_SECONDS = 0.8;
/** Eye height of the panoramas (the demo flat and the capture guide). */
export const EYE_HEIGHT = 1.6;

/** Slow in, slow out (cubic). */
export function easeInOut(t: number): number {
  const u = Math.min(1, Math.max(0, t));
  return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
}

function bezier(p0: Vec3, c1: Vec3, c2: Vec3, p3: Vec3, t: number): Vec3 {
  const u = 1 - t;
  const a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return {
    x: a * p0.x + b * c1.x + c * c2.x + d * p3.x,
    y: a * p0.y + b * c1.y + c * c2.y + d * p3.y,
    z: a * p0.z + b * c1.z + c * c2.z + d * p3.z,
  };
}

/** A flight along a cubic Bézier through two control points; the view turns the short way round. */
export function cubicFlight(from: CameraPose, to: CameraPose, c1: Vec3, c2: Vec3, duration = FLIGHT_SECONDS): Flight {
  const turn = yawDelta(from.yaw, to.yaw);
  return {
    duration,
    from,
    to,
    at(seconds) {
      const raw = duration > 0 ? seconds / duration : 1;
      if (raw >= 1) return { ...to, position: { ...to.position } };
      const t = easeInOut(raw);
      return {
        position: bezier(from.position, c1, c2, to.position, t),
        yaw: normaliseYaw(from.yaw + turn * t),
        pitch: from.pitch + (to.pitch - from.pitch) * t,
        fov: from.fov + (to.fov - from.fov) * t,
      };
    },
  };
}

/** Compass yaw (deg) of a horizontal direction: 0 = −z, 90 = +x. */
export function yawOf(dx: number, dz: number): number {
  return normaliseYaw((Math.atan2(dx, -dz) * 180) / Math.PI);
}

/** Even–odd test of a plan point against a polygon of [x, y] plan corners. */
export function insidePolygon(x: number, y: number, polygon: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The flight from the overview into a room: it ends at `eye` looking level in the direction
 * it flew (the horizontal direction from where it started; the current heading when it
 * starts right above the eye), with `fov`. The last stretch is level and, when the room's
 * polygon is given, starts inside the room, so the camera drops in over the room and glides
 * the final metre at eye height instead of cutting through a wall at eye height.
 */
export function flightInto(from: CameraPose, eye: Vec3, opts: { fov: number; room?: ReadonlyArray<readonly [number, number]>; duration?: number }): Flight {
  const dx = eye.x - from.position.x, dz = eye.z - from.position.z;
  const horizontal = Math.hypot(dx, dz);
  const yaw = horizontal > 0.3 ? yawOf(dx, dz) : normaliseYaw(from.yaw);
  const dirX = Math.sin((yaw * Math.PI) / 180), dirZ = -Math.cos((yaw * Math.PI) / 180);
  // Level approach: up to 1.5 m long, shorter if that would start outside the room.
  let run = Math.min(1.5, Math.max(0, horizontal * 0.5));
  if (opts.room) for (let i = 0; i < 6 && run > 0.05 && !insidePolygon(eye.x - dirX * run, eye.z - dirZ * run, opts.room); i++) run /= 2;
  const c2 = { x: eye.x - dirX * run, y: eye.y, z: eye.z - dirZ * run };
  // First leg: over the room at the starting height, then down.
  const c1 = { x: c2.x, y: Math.max(from.position.y, eye.y), z: c2.z };
  const to: CameraPose = { position: { ...eye }, yaw, pitch: 0, fov: opts.fov };
  return cubicFlight(from, to, c1, c2, opts.duration);
}

/**
 * The flight out of a room to the overview: straight up out of the room first (the walls
 * are lower than the ceiling was), then over to the overview, turning to look at the model.
 */
export function flightOut(from: CameraPose, to: CameraPose, duration = FLIGHT_SECONDS): Flight {
  const rise = Math.max(0, to.position.y - from.position.y);
  const c1 = { x: from.position.x, y: from.position.y + rise * 0.6, z: from.position.z };
  const c2 = { x: to.position.x, y: to.position.y, z: to.position.z };
  return cubicFlight(from, to, c1, c2, duration);
}
