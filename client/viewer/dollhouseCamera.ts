import * as THREE from 'three';
import type { CameraPose } from './dollhouseFlight.ts';

const DEG = Math.PI / 180;
const euler = new THREE.Euler(0, 0, 0, 'YXZ');

/** Puts a camera at a pose (the same yaw/pitch convention as the panorama, so hand-over is exact). */
export function applyCameraPose(camera: THREE.PerspectiveCamera, pose: CameraPose): void {
  camera.position.set(pose.position.x, pose.position.y, pose.position.z);
  camera.rotation.order = 'YXZ';
  camera.rotation.set(pose.pitch * DEG, -pose.yaw * DEG, 0);
  if (camera.fov !== pose.fov) {
    camera.fov = pose.fov;
    camera.updateProjectionMatrix();
  }
}

/** The pose a camera has now (yaw/pitch read back from its orientation; no roll assumed). */
export function cameraPoseOf(camera: THREE.PerspectiveCamera): CameraPose {
  euler.setFromQuaternion(camera.quaternion, 'YXZ');
  return {
    position: { x: camera.position.x, y: camera.position.y, z: camera.position.z },
    yaw: -euler.y / DEG,
    pitch: euler.x / DEG,
    fov: camera.fov,
  };
}
