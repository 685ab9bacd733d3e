import * as THREE from 'three';
import { yawPitchFromDirection } from '@protocol';

const ndc = new THREE.Vector3();
const eye = new THREE.Vector3();

/**
 * The panorama direction (yaw/pitch, degrees) under a pointer, in CSS pixels relative to
 * the canvas: the inverse of projectToScreen. Unprojects the pointer's NDC through the
 * very camera that drew the frame, so a hotspot lands exactly where the host clicked,
 * whatever the aspect, FOV cap or zoom.
 */
export function pickYawPitch(camera: THREE.Camera, x: number, y: number, width: number, height: number): { yaw: number; pitch: number } {
  // The frame loop may have moved the camera since three last refreshed its matrices.
  camera.updateMatrixWorld();
  if ((camera as THREE.PerspectiveCamera).isPerspectiveCamera) (camera as THREE.PerspectiveCamera).updateProjectionMatrix();
  ndc.set((x / width) * 2 - 1, 1 - (y / height) * 2, 0.5).unproject(camera);
  camera.getWorldPosition(eye);
  ndc.sub(eye);
  const { yaw, pitch } = yawPitchFromDirection(ndc.x, ndc.y, ndc.z);
  return { yaw: round(yaw), pitch: round(pitch) };
}

// A hundredth of a degree is far below a pixel; rounding keeps saved JSON readable.
const round = (deg: number) => Math.round(deg * 100) / 100;
