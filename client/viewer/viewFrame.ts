import * as THREE from 'three';
import type { ViewFrame } from './ScenePanorama.ts';
import type { Plane } from './visibleTiles.ts';

const rot = new THREE.Matrix4();
const m = new THREE.Matrix4();
const frustum = new THREE.Frustum();
const fwd = new THREE.Vector3();
const q = new THREE.Quaternion();

/**
 * What the tile selection needs from a camera: its side planes through the eye (rotation
 * only — the panorama is centred on the eye), its forward axis and its pixel density.
 * Works for a plain perspective camera and for WebXR's combined camera (asymmetric frusta).
 */
export function viewFrameFromCamera(camera: THREE.PerspectiveCamera, viewportDeviceHeight: number): ViewFrame {
  camera.updateMatrixWorld();
  camera.getWorldQuaternion(q);
  rot.makeRotationFromQuaternion(q).invert();
  m.multiplyMatrices(camera.projectionMatrix, rot);
  frustum.setFromProjectionMatrix(m);
  const planes: Plane[] = frustum.planes.slice(0, 4).map((p) => [p.normal.x, p.normal.y, p.normal.z] as const);
  fwd.set(0, 0, -1).applyQuaternion(q);
  planes.push([fwd.x, fwd.y, fwd.z]);
  let height = viewportDeviceHeight;
  let p5 = camera.projectionMatrix.elements[5];
  const sub = (camera as THREE.PerspectiveCamera & { cameras?: THREE.PerspectiveCamera[] }).cameras;
  if (sub && sub.length > 0) {
    // In a headset, density is per eye: the eye's viewport and projection, not the union's.
    const eye = sub[0] as THREE.PerspectiveCamera & { viewport?: THREE.Vector4 };
    if (eye.viewport && eye.viewport.w > 0) height = eye.viewport.w;
    p5 = eye.projectionMatrix.elements[5];
  }
  return { forward: [fwd.x, fwd.y, fwd.z], planes, pixelsPerRadian: (height / 2) * p5 };
}
