import * as THREE from 'three';
import { directionFromYawPitch } from '@protocol';

const q = new THREE.Quaternion();
const v = new THREE.Vector3();

/**
 * Where a panorama direction (yaw/pitch, degrees) lies as seen from the camera:
 * `angle` — which way to turn, as a screen angle in degrees (0 = right, 90 = down, CSS
 * rotation sense); `offAxis` — how far from the centre of the view it is (0…180 degrees).
 * Works for a headset camera too (its pose is the camera's world quaternion).
 */
export function directionFromCamera(camera: THREE.Object3D, yaw: number, pitch: number): { angle: number; offAxis: number } {
  const d = directionFromYawPitch(yaw, pitch);
  camera.getWorldQuaternion(q).invert();
  v.set(d[0], d[1], d[2]).applyQuaternion(q);
  const offAxis = (Math.acos(Math.max(-1, Math.min(1, -v.z))) * 180) / Math.PI;
  // Straight behind: any way round is as short; turn right.
  const angle = Math.hypot(v.x, v.y) < 1e-6 ? 0 : (Math.atan2(-v.y, v.x) * 180) / Math.PI;
  return { angle, offAxis };
}

/** The yaw/pitch the camera looks along (a headset's gaze, for the pose lane). */
export function cameraYawPitch(camera: THREE.Object3D): { yaw: number; pitch: number } {
  camera.getWorldDirection(v);
  const len = Math.hypot(v.x, v.y, v.z) || 1;
  return { yaw: (Math.atan2(v.x, -v.z) * 180) / Math.PI, pitch: (Math.asin(Math.max(-1, Math.min(1, v.y / len))) * 180) / Math.PI };
}
