import { describe, expect, it } from 'vitest';
import { easeInOut, flightInto, flightOut, insidePolygon, yawOf, FLIGHT_SECONDS, type CameraPose } from '../../../client/viewer/dollhouseFlight.ts';

const overview: CameraPose = { position: { x: 4, y: 12, z: 18 }, yaw: 10, pitch: -55, fov: 45 };
const kitchen: [number, number][] = [[0, 0], [3.2, 0], [3.2, 3.4], [0, 3.4]];
const eye = { x: 1.6, y: 1.6, z: 2.15 };

describe('dollhouse flight', () => {
  it('eases in and out, clamped to [0, 1]', () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5, 9);
    expect(easeInOut(0.1)).toBeLessThan(0.1);
    expect(easeInOut(0.9)).toBeGreaterThan(0.9);
    expect(easeInOut(-1)).toBe(0);
    expect(easeInOut(2)).toBe(1);
  });

  it('reads compass yaw like the panorama: 0 = −z (north), 90 = +x (east)', () => {
    expect(yawOf(0, -1)).toBeCloseTo(0, 9);
    expect(yawOf(1, 0)).toBeCloseTo(90, 9);
    expect(yawOf(0, 1)).toBeCloseTo(180, 9);
    expect(yawOf(-1, 0)).toBeCloseTo(-90, 9);
  });

  it('flies into a room: starts at the overview, ends at the eye looking level the way it flew, in ~0.8 s', () => {
    const f = flightInto(overview, eye, { fov: 58.7, room: kitchen });
    expect(f.duration).toBe(FLIGHT_SECONDS);
    expect(f.duration).toBeGreaterThanOrEqual(0.6);
    expect(f.duration).toBeLessThanOrEqual(1);
    const start = f.at(0);
    expect(start.position).toEqual(overview.position);
    expect(start.yaw).toBeCloseTo(overview.yaw, 9);
    const end = f.at(f.duration);
    expect(end.position).toEqual(eye);
    expect(end.pitch).toBe(0);
    expect(end.fov).toBe(58.7);
    // From the south-east of the kitchen towards it: the heading of the horizontal move.
    expect(end.yaw).toBeCloseTo(yawOf(eye.x - overview.position.x, eye.z - overview.position.z), 9);
    expect(f.at(99)).toEqual(end);
  });

  it('comes down inside the room and glides the last stretch level at eye height', () => {
    const f = flightInto(overview, eye, { fov: 60, room: kitchen });
    // Late in the flight the camera is inside the kitchen and no higher than a little above the eye.
    for (const t of [0.85, 0.9, 0.95]) {
      const p = f.at(t * f.duration).position;
      expect(insidePolygon(p.x, p.z, kitchen)).toBe(true);
      expect(p.y).toBeLessThan(eye.y + 0.6);
    }
    // It never dips below the eye (no diving through the floor or the furniture).
    for (let t = 0; t <= 1; t += 0.05) expect(f.at(t * f.duration).position.y).toBeGreaterThanOrEqual(eye.y - 1e-9);
  });

  it('starting straight above the eye, it keeps the current heading', () => {
    const above: CameraPose = { position: { x: eye.x + 0.1, y: 9, z: eye.z }, yaw: 135, pitch: -89, fov: 45 };
    expect(flightInto(above, eye, { fov: 60 }).to.yaw).toBe(135);
  });

  it('turns the short way round', () => {
    const from: CameraPose = { ...overview, yaw: 170 };
    const f = flightInto(from, { x: overview.position.x - 5, y: 1.6, z: overview.position.z + 0.01 }, { fov: 60 });
    expect(f.to.yaw).toBeCloseTo(-90, 0);
    // 170 → −90 the short way is +100° through 180, never through 0.
    const mid = f.at(f.duration / 2).yaw;
    expect(Math.abs(mid)).toBeGreaterThan(90);
  });

  it('flies out of a room up first, then to the overview', () => {
    const fromEye: CameraPose = { position: eye, yaw: -30, pitch: 0, fov: 58.7 };
    const f = flightOut(fromEye, overview);
    expect(f.at(0).position).toEqual(eye);
    expect(f.at(f.duration)).toEqual(overview);
    const early = f.at(f.duration * 0.2).position;
    // Mostly up, little sideways, in the first fifth.
    expect(early.y - eye.y).toBeGreaterThan(Math.hypot(early.x - eye.x, early.z - eye.z));
  });

  it('tests points against room polygons', () => {
    expect(insidePolygon(1, 1, kitchen)).toBe(true);
    expect(insidePolygon(4, 1, kitchen)).toBe(false);
    const ell: [number, number][] = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4]];
    expect(insidePolygon(0.5, 3, ell)).toBe(true);
    expect(insidePolygon(3, 3, ell)).toBe(false);
  });
});
