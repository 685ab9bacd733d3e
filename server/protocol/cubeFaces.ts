/**
 * Cube-face layout shared by the tiler (server/ingest) and the viewer (client/viewer).
 * It is part of the tile contract: a tile cut with one layout and drawn with another
 * shows up as a rotated or mirrored face, so both sides import this one definition.
 *
 * World frame (three.js): camera looks down -Z at yaw 0, +X is to the right, +Y is up.
 * yaw grows turning right (towards +X); pitch grows looking up.
 * Equirect: u = 0.5 + yaw / 2π (image centre is yaw 0), v = 0.5 - pitch / π (top is up).
 */
export type Vec3 = readonly [number, number, number];

export const FACE_IDS = ['f', 'r', 'b', 'l', 'u', 'd'] as const;
export type FaceId = (typeof FACE_IDS)[number];

export interface FaceBasis {
  /** Direction through the face centre. */
  readonly center: Vec3;
  /** Direction of increasing image x (left → right as seen from inside the cube). */
  readonly right: Vec3;
  /** Direction of decreasing image y (bottom → top as seen from inside the cube). */
  readonly up: Vec3;
}

export const FACES: Readonly<Record<FaceId, FaceBasis>> = {
  f: { center: [0, 0, -1], right: [1, 0, 0], up: [0, 1, 0] },
  r: { center: [1, 0, 0], right: [0, 0, 1], up: [0, 1, 0] },
  b: { center: [0, 0, 1], right: [-1, 0, 0], up: [0, 1, 0] },
  l: { center: [-1, 0, 0], right: [0, 0, -1], up: [0, 1, 0] },
  // Looking up from the front: the front face's edge is at the image bottom.
  u: { center: [0, 1, 0], right: [1, 0, 0], up: [0, 0, 1] },
  // Looking down from the front: the front face's edge is at the image top.
  d: { center: [0, -1, 0], right: [1, 0, 0], up: [0, 0, -1] },
};

/**
 * Point on the unit cube for face coordinates a, b in [-1, 1]
 * (a = -1 left edge, +1 right edge; b = +1 top edge, -1 bottom edge).
 */
export function facePoint(face: FaceId, a: number, b: number): [number, number, number] {
  const { center: c, right: r, up: u } = FACES[face];
  return [c[0] + a * r[0] + b * u[0], c[1] + a * r[1] + b * u[1], c[2] + a * r[2] + b * u[2]];
}

/** Unit direction for a view angle (degrees). */
export function directionFromYawPitch(yawDeg: number, pitchDeg: number): [number, number, number] {
  const y = (yawDeg * Math.PI) / 180;
  const p = (pitchDeg * Math.PI) / 180;
  return [Math.sin(y) * Math.cos(p), Math.sin(p), -Math.cos(y) * Math.cos(p)];
}

/** View angles (degrees) of a direction; yaw in (-180, 180]. */
export function yawPitchFromDirection(x: number, y: number, z: number): { yaw: number; pitch: number } {
  const len = Math.hypot(x, y, z) || 1;
  return {
    yaw: (Math.atan2(x, -z) * 180) / Math.PI,
    pitch: (Math.asin(Math.max(-1, Math.min(1, y / len))) * 180) / Math.PI,
  };
}

/** Equirect texture coordinates (u right, v down, both in [0, 1]) of a direction. */
export function equirectUv(x: number, y: number, z: number): { u: number; v: number } {
  const len = Math.hypot(x, y, z) || 1;
  const lon = Math.atan2(x, -z);
  const lat = Math.asin(Math.max(-1, Math.min(1, y / len)));
  return { u: 0.5 + lon / (2 * Math.PI), v: 0.5 - lat / Math.PI };
}

/** Which face a direction hits, with its face coordinates (a right, b up, in [-1, 1]). */
export function faceOfDirection(x: number, y: number, z: number): { face: FaceId; a: number; b: number } {
  const ax = Math.abs(x), ay = Math.abs(y), az = Math.abs(z);
  let face: FaceId;
  if (ax >= ay && ax >= az) face = x > 0 ? 'r' : 'l';
  else if (ay >= az) face = y > 0 ? 'u' : 'd';
  else face = z > 0 ? 'b' : 'f';
  const { center: c, right: r, up: u } = FACES[face];
  const d = x * c[0] + y * c[1] + z * c[2];
  return { face, a: (x * r[0] + y * r[1] + z * r[2]) / d, b: (x * u[0] + y * u[1] + z * u[2]) / d };
}
