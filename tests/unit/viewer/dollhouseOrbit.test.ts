import { describe, expect, it } from 'vitest';
import { orbitStep } from '../../../client/viewer/dollhouseOrbit.ts';

const limits = { minDistance: 3, maxDistance: 40, minElevation: 12, maxElevation: 89 };
const target = { x: 5, y: 0.5, z: 4 };
const dist = (p: { x: number; y: number; z: number }) => Math.hypot(p.x - target.x, p.y - target.y, p.z - target.z);

describe('dollhouse keyboard orbit', () => {
  it('turns round the target at the same distance and height', () => {
    const from = { x: 5, y: 10.5, z: 14 }; // south of the target, 45° up
    const p = orbitStep(from, target, { dAzimuth: 90 }, limits);
    expect(dist(p)).toBeCloseTo(dist(from), 9);
    expect(p.y).toBeCloseTo(from.y, 9);
    // Bearing from the target: south (180°) + 90° clockwise = west (−x).
    expect(p.x).toBeLessThan(target.x - 5);
    expect(p.z).toBeCloseTo(target.z, 9);
  });

  it('tilts within the elevation limits and zooms within the distance limits', () => {
    const from = { x: 5, y: 10.5, z: 14 };
    expect(orbitStep(from, target, { dElevation: 80 }, limits).y - target.y).toBeCloseTo(dist(from) * Math.sin((89 * Math.PI) / 180), 9);
    expect(orbitStep(from, target, { dElevation: -80 }, limits).y - target.y).toBeCloseTo(dist(from) * Math.sin((12 * Math.PI) / 180), 9);
    expect(dist(orbitStep(from, target, { zoom: 0.01 }, limits))).toBeCloseTo(3, 9);
    expect(dist(orbitStep(from, target, { zoom: 100 }, limits))).toBeCloseTo(40, 9);
    expect(dist(orbitStep(from, target, { zoom: 0.5 }, limits))).toBeCloseTo(dist(from) / 2, 9);
  });
});
