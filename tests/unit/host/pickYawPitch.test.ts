import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { pickYawPitch } from '../../../client/host/pickYawPitch.ts';
import { projectToScreen } from '../../../client/viewer/projectToScreen.ts';
import { verticalFov } from '../../../client/viewer/viewMath.ts';

const DEG = Math.PI / 180;

/** A camera aimed exactly as PanoramaLayer aims it for a view. */
function cameraFor(view: { yaw: number; pitch: number; fov: number }, width: number, height: number) {
  const camera = new THREE.PerspectiveCamera(60, width / height, 0.1, 1000);
  camera.rotation.order = 'YXZ';
  camera.rotation.set(view.pitch * DEG, -view.yaw * DEG, 0);
  camera.fov = verticalFov(view.fov, width / height);
  camera.updateProjectionMatrix();
  camera.updateMatrixWorld();
  return camera;
}

const yawDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

describe('pickYawPitch (pointer → panorama direction)', () => {
  it('the centre of the canvas is where the view looks', () => {
    for (const view of [
      { yaw: 0, pitch: 0, fov: 90 },
      { yaw: 135, pitch: -20, fov: 60 },
      { yaw: -170, pitch: 45, fov: 100 },
    ]) {
      const at = pickYawPitch(cameraFor(view, 1280, 720), 640, 360, 1280, 720);
      expect(yawDiff(at.yaw, view.yaw)).toBeLessThan(0.01);
      expect(at.pitch).toBeCloseTo(view.pitch, 1);
    }
  });

  it('the right edge at pitch 0 is half the horizontal field of view to the right; up is up', () => {
    const camera = cameraFor({ yaw: 10, pitch: 0, fov: 90 }, 1000, 500);
    expect(pickYawPitch(camera, 1000, 250, 1000, 500)).toEqual({ yaw: 55, pitch: 0 });
    expect(pickYawPitch(camera, 0, 250, 1000, 500).yaw).toBeCloseTo(-35, 2);
    // Three quarters across: atan(0.5 · tan 45°) ≈ 26.57° right of the view.
    expect(pickYawPitch(camera, 750, 250, 1000, 500).yaw).toBeCloseTo(10 + 26.57, 1);
    expect(pickYawPitch(camera, 500, 0, 1000, 500).pitch).toBeGreaterThan(20);
    expect(pickYawPitch(camera, 500, 500, 1000, 500).pitch).toBeLessThan(-20);
  });

  it('is the inverse of projectToScreen, at any view and aspect (a hotspot lands where it was clicked)', () => {
    const views = [
      { yaw: 0, pitch: 0, fov: 90, w: 1280, h: 720 },
      { yaw: 179, pitch: 30, fov: 70, w: 390, h: 844 }, // phone portrait: vertical FOV capped
      { yaw: -60, pitch: -55, fov: 110, w: 800, h: 800 },
    ];
    for (const v of views) {
      const camera = cameraFor(v, v.w, v.h);
      for (const fx of [0.1, 0.37, 0.5, 0.81]) {
        for (const fy of [0.15, 0.5, 0.9]) {
          const at = pickYawPitch(camera, fx * v.w, fy * v.h, v.w, v.h);
          const back = projectToScreen(camera, at.yaw, at.pitch, v.w, v.h);
          expect(back.visible).toBe(true);
          // Within a pixel (the pick is rounded to 0.01°).
          expect(Math.abs(back.x - fx * v.w)).toBeLessThan(1);
          expect(Math.abs(back.y - fy * v.h)).toBeLessThan(1);
        }
      }
    }
  });

  it('uses the camera as drawn, even if its matrices were not refreshed since it turned', () => {
    const camera = cameraFor({ yaw: 0, pitch: 0, fov: 90 }, 800, 600);
    camera.rotation.set(0, -90 * DEG, 0); // turned right; matrixWorld is stale until updated
    expect(yawDiff(pickYawPitch(camera, 400, 300, 800, 600).yaw, 90)).toBeLessThan(0.01);
  });
});
