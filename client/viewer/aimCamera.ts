import type * as THREE from 'three';
import type { View } from '@protocol';
import { verticalFov } from './viewMath.ts';

const DEG = Math.PI / 180;

/**
 * Puts the camera at the panorama's centre looking along `view` (yaw clockwise from the
 * room's forward, pitch up, FOV horizontal); the projection is rebuilt only when the FOV changed.
 */
export function aimCamera(camera: THREE.PerspectiveCamera, view: View, aspect: number): void {
  camera.position.set(0, 0, 0);
  camera.rotation.order = 'YXZ';
  camera.rotation.set(view.pitch * DEG, -view.yaw * DEG, 0);
  const vfov = verticalFov(view.fov, aspect);
  if (camera.fov !== vfov) {
    camera.fov = vfov;
    camera.updateProjectionMatrix();
  }
}
