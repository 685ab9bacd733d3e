import { describe, expect, it } from 'vitest';
import { normaliseYaw } from '@protocol';
import { clampView, verticalFov, yawDelta, FOV_MAX, FOV_MIN, VFOV_MAX } from '../../../client/viewer/viewMath.ts';
import { screenPixelsPerRadian, selectLevel } from '../../../client/viewer/selectLevel.ts';

describe('view math', () => {
  it('folds yaw into (-180, 180] and clamps pitch and fov', () => {
    expect(normaliseYaw(190)).toBe(-170);
    expect(normaliseYaw(-180)).toBe(180);
    expect(normaliseYaw(720 + 10)).toBe(10);
    expect(clampView({ yaw: 370, pitch: 120, fov: 500 })).toEqual({ yaw: 10, pitch: 90, fov: FOV_MAX });
    expect(clampView({ yaw: 0, pitch: -100, fov: 1 })).toEqual({ yaw: 0, pitch: -90, fov: FOV_MIN });
  });

  it('takes the short way round between yaws', () => {
    expect(yawDelta(170, -170)).toBe(20);
    expect(yawDelta(-170, 170)).toBe(-20);
  });

  it('derives vertical fov from horizontal fov and aspect, capped for tall phones', () => {
    expect(verticalFov(90, 1)).toBeCloseTo(90, 9);
    expect(verticalFov(90, 16 / 9)).toBeCloseTo(58.72, 1);
    expect(verticalFov(90, 9 / 19.5)).toBe(VFOV_MAX);
  });
});

describe('level choice', () => {
  const levels = [326, 652, 1304, 2608].map((size) => ({ size, tileSize: 512 }));

  it('a 1280×720 laptop at hfov 90 needs the 1304 level; a DPR-2 phone the 2608 one', () => {
    const vfov = verticalFov(90, 1280 / 720);
    expect(selectLevel(levels, screenPixelsPerRadian(720, 1, vfov))).toBe(2);
    expect(selectLevel(levels, screenPixelsPerRadian(720, 2, vfov))).toBe(3);
  });

  it('zooming out far enough drops to a coarser level; beyond the top level it stays at the top', () => {
    expect(selectLevel(levels, screenPixelsPerRadian(720, 1, 110))).toBeLessThan(2);
    expect(selectLevel(levels, screenPixelsPerRadian(720, 1, 15))).toBe(3);
  });
});
