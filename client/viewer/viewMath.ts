import type { View } from '@protocol';
// Its own file, not the index: the first-paint script reaches this and must not reach zod.
import { normaliseYaw } from '@protocol/normaliseYaw.ts';

export const FOV_MIN = 20;
export const FOV_MAX = 110;
/** Vertical field of view never exceeds this, so a tall phone screen is not a fisheye. */
export const VFOV_MAX = 110;

const DEG = Math.PI / 180;

/** The view with yaw folded, pitch and horizontal FOV clamped. */
export function clampView(v: View, fovMin = FOV_MIN, fovMax = FOV_MAX): View {
  return {
    yaw: normaliseYaw(v.yaw),
    pitch: Math.max(-90, Math.min(90, v.pitch)),
    fov: Math.max(fovMin, Math.min(fovMax, v.fov)),
  };
}

/** Vertical FOV (deg) for a horizontal FOV (deg) at a width/height aspect, capped at VFOV_MAX. */
export function verticalFov(hfov: number, aspect: number): number {
  const v = (2 * Math.atan(Math.tan((hfov * DEG) / 2) / aspect)) / DEG;
  return Math.min(v, VFOV_MAX);
}

/** Shortest signed yaw difference a → b in degrees, in (-180, 180]. */
export function yawDelta(a: number, b: number): number {
  return normaliseYaw(b - a);
}

/** Round a view for URLs: one decimal is far below what the eye or the tiles resolve. */
export function roundView(v: View): View {
  const r = (n: number) => Math.round(n * 10) / 10;
  return { yaw: r(v.yaw), pitch: r(v.pitch), fov: r(v.fov) };
}
