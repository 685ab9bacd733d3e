import * as THREE from 'three';
import { directionFromYawPitch } from '@protocol';

const v = new THREE.Vector3();
const q = new THREE.Quaternion();
const fwd = new THREE.Vector3();

/**
 * Where a direction (yaw/pitch in the panorama) lands on screen, in CSS pixels, and
 * whether it is in front of the camera and inside the viewport.
 */
export function projectToScreen(camera: THREE.Camera, yaw: number, pitch: number, width: number, height: number) {
  const d = directionFromYawPitch(yaw, pitch);
  camera.getWorldQuaternion(q);
  fwd.set(0, 0, -1).applyQuaternion(q);
  const inFront = fwd.x * d[0] + fwd.y * d[1] + fwd.z * d[2] > 0.05;
  camera.getWorldPosition(v);
  v.add(new THREE.Vector3(d[0], d[1], d[2]).multiplyScalar(10)).project(camera);
  const x = ((v.x + 1) / 2) * width;
  const y = ((1 - v.y) / 2) * height;
  return { x, y, visible: inFront && x >= -40 && x <= width + 40 && y >= -40 && y <= height + 40 };
}
