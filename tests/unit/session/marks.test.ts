import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { cameraYawPitch, directionFromCamera } from '../../../client/session/directionFromCamera.ts';
import { spreadMarks } from '../../../client/session/GazeMinimap.ts';

/** A camera aimed like PanoramaLayer aims it. */
function camera(yaw: number, pitch: number) {
  const c = new THREE.PerspectiveCamera(60, 16 / 9);
  c.rotation.order = 'YXZ';
  c.rotation.set((pitch * Math.PI) / 180, (-yaw * Math.PI) / 180, 0);
  c.updateMatrixWorld();
  return c;
}

describe('directionFromCamera', () => {
  it('says how far off the view centre a direction is and which way to turn', () => {
    const c = camera(0, 0);
    expect(directionFromCamera(c, 0, 0).offAxis).toBeCloseTo(0, 3);
    const right = directionFromCamera(c, 90, 0);
    expect(right.offAxis).toBeCloseTo(90, 3);
    expect(right.angle).toBeCloseTo(0, 3); // turn right
    expect(Math.abs(directionFromCamera(c, -90, 0).angle)).toBeCloseTo(180, 3); // left
    expect(directionFromCamera(c, 0, 60).angle).toBeCloseTo(-90, 3); // up (screen y grows down)
    expect(directionFromCamera(c, 180, 0).offAxis).toBeCloseTo(180, 3);
  });

  it('works from any heading, and reads a camera’s own yaw and pitch back', () => {
    const c = camera(120, -20);
    const yp = cameraYawPitch(c);
    expect(yp.yaw).toBeCloseTo(120, 3);
    expect(yp.pitch).toBeCloseTo(-20, 3);
    expect(directionFromCamera(camera(120, 0), 150, 0).angle).toBeCloseTo(0, 3);
    expect(directionFromCamera(camera(120, 0), 150, 0).offAxis).toBeCloseTo(30, 3);
  });
});

describe('gaze cones', () => {
  it('spreads viewers in one room around its point so each cone shows', () => {
    const marks = spreadMarks([
      { id: 'a', name: 'A', x: 1, y: 1, heading: 0, following: true },
      { id: 'b', name: 'B', x: 1, y: 1, heading: 90, following: false },
      { id: 'c', name: 'C', x: 5, y: 2, heading: 0, following: true },
    ]);
    const [a, b, c] = marks;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(0.5);
    expect(c).toMatchObject({ x: 5, y: 2 });
  });
});
