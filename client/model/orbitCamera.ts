import type { Bounds, ModelCamera } from '@protocol';

/** A point or direction in model space (glTF: metres, y up), as the protocol spells it. */
export type Vec3 = [number, number, number];

const DEG = Math.PI / 180;
/** The viewer's field of view when a camera names none (vertical, degrees). */
export const DEFAULT_FOV = 40;

/** An orbit camera as angles around its target: azimuth 0 looks from +z (a glTF model's front), 90 from +x. */
export interface Orbit {
  target: Vec3;
  /** Degrees, unbounded (the camera may wind round several times). */
  azimuth: number;
  /** Degrees above the target's horizon. */
  elevation: number;
  distance: number;
  fov: number;
}

export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const length = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/** The centre and the radius of the sphere around `bounds` (never zero: a point still gets a view). */
export function boundingSphere(b: Bounds): { center: Vec3; radius: number } {
  const center: Vec3 = [(b.min[0] + b.max[0]) / 2, (b.min[1] + b.max[1]) / 2, (b.min[2] + b.max[2]) / 2];
  return { center, radius: Math.max(1e-3, length(sub(b.max, b.min)) / 2) };
}

export function toOrbit(c: ModelCamera): Orbit {
  const d = sub(c.position, c.target);
  const distance = Math.max(1e-6, length(d));
  return {
    target: [...c.target],
    azimuth: Math.atan2(d[0], d[2]) / DEG,
    elevation: Math.asin(Math.max(-1, Math.min(1, d[1] / distance))) / DEG,
    distance,
    fov: c.fov ?? DEFAULT_FOV,
  };
}

export function fromOrbit(o: Orbit): ModelCamera {
  const az = o.azimuth * DEG, el = o.elevation * DEG;
  const dir: Vec3 = [Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el)];
  return { position: add(o.target, scale(dir, o.distance)), target: [...o.target], fov: o.fov };
}

/** Half the narrower field of view (radians): what a sphere must fit into on a portrait phone as on a wide screen. */
export function halfFov(fov: number, aspect: number): number {
  const v = (fov * DEG) / 2;
  return aspect >= 1 ? v : Math.atan(Math.tan(v) * aspect);
}

/**
 * The home view: the whole model, seen a little from the right and above its front, at the
 * least distance where every corner of its box falls within `margin` of the viewport's edges.
 */
export function homeCamera(bounds: Bounds, aspect: number, fov = DEFAULT_FOV, margin = 0.9): ModelCamera {
  const { center } = boundingSphere(bounds);
  const o: Orbit = { target: center, azimuth: 30, elevation: 18, distance: 1, fov };
  o.distance = fitDistance(bounds, o, aspect, margin);
  return fromOrbit(o);
}

/**
 * The distance from `o.target` along `o`'s direction at which every corner of `bounds` is in
 * view: a corner at (x, y) across and `k` towards the camera needs d ≥ |x| / tan(half-width) + k
 * (and the same for y), so the answer is the largest of those.
 */
export function fitDistance(bounds: Bounds, o: Orbit, aspect: number, margin = 0.9): number {
  const dir = sub(fromOrbit({ ...o, distance: 1 }).position, o.target);
  const right = normalise([dir[2], 0, -dir[0]]);
  const up: Vec3 = [dir[1] * right[2] - dir[2] * right[1], dir[2] * right[0] - dir[0] * right[2], dir[0] * right[1] - dir[1] * right[0]];
  const tanV = Math.tan((o.fov * DEG) / 2) * margin, tanH = tanV * aspect;
  let d = 0;
  for (const x of [bounds.min[0], bounds.max[0]])
    for (const y of [bounds.min[1], bounds.max[1]])
      for (const z of [bounds.min[2], bounds.max[2]]) {
        const c = sub([x, y, z], o.target);
        const toward = dot(c, dir);
        d = Math.max(d, Math.abs(dot(c, right)) / tanH + toward, Math.abs(dot(c, up)) / tanV + toward);
      }
  return Math.max(d, 1e-3);
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
function normalise(a: Vec3): Vec3 {
  const l = length(a);
  // Looking straight down or up: any horizontal right will do.
  return l > 1e-9 ? scale(a, 1 / l) : [1, 0, 0];
}

/**
 * The view of an info point that names no camera: looking at the point along its normal
 * (or outwards from the model's centre without one), up close: the view spans about 0.6 of
 * the model's radius across its narrower side.
 */
export function pointCamera(bounds: Bounds, position: Vec3, normal: Vec3 | undefined, aspect: number, fov = DEFAULT_FOV): ModelCamera {
  const { center, radius } = boundingSphere(bounds);
  let dir = normal && length(normal) > 1e-9 ? normal : sub(position, center);
  // A point at the centre with no normal: the home view's direction.
  if (length(dir) < 1e-9) dir = sub(homeCamera(bounds, aspect, fov).position, center);
  dir = scale(dir, 1 / length(dir));
  const distance = (radius * 0.3) / Math.tan(halfFov(fov, aspect));
  return { position: add(position, scale(dir, distance)), target: [...position], fov };
}

/** `t` (0–1) eased in and out: a flight starts and lands gently. */
export function easeInOut(t: number): number {
  const c = Math.max(0, Math.min(1, t));
  return c < 0.5 ? 4 * c * c * c : 1 - (-2 * c + 2) ** 3 / 2;
}

/**
 * The camera part-way (`t`, 0–1, already eased) from `a` to `b`: the target slides, the
 * camera swings round it (shorter way) and the distance changes geometrically, so a flight
 * arcs around the model instead of cutting through it.
 */
export function interpolateCamera(a: ModelCamera, b: ModelCamera, t: number): ModelCamera {
  const oa = toOrbit(a), ob = toOrbit(b);
  let dAz = (ob.azimuth - oa.azimuth) % 360;
  if (dAz > 180) dAz -= 360;
  if (dAz < -180) dAz += 360;
  return fromOrbit({
    target: [lerp(oa.target[0], ob.target[0], t), lerp(oa.target[1], ob.target[1], t), lerp(oa.target[2], ob.target[2], t)],
    azimuth: oa.azimuth + dAz * t,
    elevation: lerp(oa.elevation, ob.elevation, t),
    distance: Math.exp(lerp(Math.log(oa.distance), Math.log(ob.distance), t)),
    fov: lerp(oa.fov, ob.fov, t),
  });
}
