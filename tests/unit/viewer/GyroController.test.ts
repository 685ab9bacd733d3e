import { describe, expect, it } from 'vitest';
import { orientationToHeadingPitch } from '../../../client/viewer/GyroController.ts';

describe('phone orientation → view', () => {
  it('a phone held upright facing north looks north at the horizon', () => {
    const r = orientationToHeadingPitch(0, 90, 0);
    expect(r.heading).toBeCloseTo(0, 6);
    expect(r.pitch).toBeCloseTo(0, 6);
  });

  it('turning right (clockwise, alpha decreasing) raises the heading like yaw', () => {
    expect(orientationToHeadingPitch(-90 + 360, 90, 0).heading).toBeCloseTo(90, 6);
    expect(orientationToHeadingPitch(90, 90, 0).heading).toBeCloseTo(-90, 6);
  });

  it('tilting the top of the phone back looks up; lying flat looks straight down', () => {
    expect(orientationToHeadingPitch(0, 120, 0).pitch).toBeCloseTo(30, 6);
    expect(orientationToHeadingPitch(0, 0, 0).pitch).toBeCloseTo(-90, 6);
  });

  it('a phone on its side (landscape) still looks where its back camera points', () => {
    // Flat phone rolled 90° onto its left edge: the back camera faces east.
    const east = orientationToHeadingPitch(0, 0, -90);
    expect(east.heading).toBeCloseTo(90, 6);
    expect(east.pitch).toBeCloseTo(0, 6);
    // The same pose turned 90° anticlockwise: now it faces north.
    const north = orientationToHeadingPitch(90, 0, -90);
    expect(north.heading).toBeCloseTo(0, 6);
  });
});
