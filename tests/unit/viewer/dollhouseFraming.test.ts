import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { applyCameraPose, cameraPoseOf } from '../../../client/viewer/dollhouseCamera.ts';
import { frameBounds } from '../../../client/viewer/dollhouseFraming.ts';

const flat = { min: { x: 0, y: -0.3, z: 0 }, max: { x: 11, y: 2.35, z: 8.2 } };

function ndcOfCorners(camera: THREE.PerspectiveCamera) {
  const out: THREE.Vector3[] = [];
  for (const x of [flat.min.x, flat.max.x]) for (const y of [flat.min.y, flat.max.y]) for (const z of [flat.min.z, flat.max.z]) out.push(new THREE.Vector3(x, y, z).project(camera));
  return out;
}

describe('dollhouse framing', () => {
  for (const aspect of [16 / 9, 1, 9 / 19.5]) {
    it(`fits the whole model snugly in the view at aspect ${aspect.toFixed(2)}`, () => {
      const f = frameBounds(flat, { fov: 45, aspect });
      const camera = new THREE.PerspectiveCamera(45, aspect, 0.1, 1000);
      applyCameraPose(camera, f.pose);
      camera.updateMatrixWorld();
      const ndc = ndcOfCorners(camera);
      const extent = Math.max(...ndc.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y))));
      expect(extent).toBeLessThanOrEqual(0.85 + 1e-6);
      // Snug: at the chosen margin, not far inside it.
      expect(extent).toBeGreaterThan(0.8);
      // The pose really looks at the target.
      const dir = new THREE.Vector3();
      camera.getWorldDirection(dir);
      const toTarget = new THREE.Vector3(f.target.x, f.target.y, f.target.z).sub(camera.position).normalize();
      expect(dir.dot(toTarget)).toBeCloseTo(1, 6);
    });
  }

  it('looks from the south and from above by default: north is up on screen, as on the plan', () => {
    const f = frameBounds(flat, { fov: 45, aspect: 16 / 9 });
    expect(f.pose.position.z).toBeGreaterThan(flat.max.z);
    expect(f.pose.position.y).toBeGreaterThan(5);
    expect(f.pose.pitch).toBe(-55);
    expect(Math.abs(f.pose.yaw)).toBeLessThan(30);
  });

  it('reads a pose back from a camera as it was put', () => {
    const camera = new THREE.PerspectiveCamera(50, 1.5, 0.1, 100);
    const pose = { position: { x: 1, y: 2, z: 3 }, yaw: -120, pitch: -35, fov: 50 };
    applyCameraPose(camera, pose);
    const back = cameraPoseOf(camera);
    expect(back.position).toEqual(pose.position);
    expect(back.yaw).toBeCloseTo(-120, 9);
    expect(back.pitch).toBeCloseTo(-35, 9);
    // Yaw 0 looks at −z, yaw 90 at +x: the panorama's convention.
    applyCameraPose(camera, { ...pose, yaw: 90, pitch: 0 });
    const d = new THREE.Vector3();
    camera.getWorldDirection(d);
    expect(d.x).toBeCloseTo(1, 9);
    expect(d.z).toBeCloseTo(0, 9);
  });
});
