import * as THREE from 'three';
import { directionFromYawPitch } from '@protocol';
import { directionFromCamera } from './directionFromCamera.ts';

/** Past this (degrees off the view centre), the arrow shows. */
const ARROW_FROM = 25;
const POINTER_DISTANCE = 5;

const q = new THREE.Quaternion();
const z = new THREE.Vector3(0, 0, 1);
const spin = new THREE.Quaternion();

/**
 * What a headset wearer sees of the session, drawn in 3D (DOM overlays don't reach a
 * headset): the lead's laser dot in the panorama, and an arrow floating ahead and a little
 * below that points the way to the lead's focus. The head is never turned for them.
 * Children of the panorama root (which sits on the eye), drawn over the panorama.
 */
export class XrSessionMarks {
  readonly group = new THREE.Group();
  private readonly dot: THREE.Mesh;
  private readonly arrow: THREE.Mesh;
  private readonly geometries: THREE.BufferGeometry[];
  private readonly materials: THREE.Material[];

  constructor(parent: THREE.Object3D) {
    this.group.name = 'session-xr-marks';
    const dotGeo = new THREE.SphereGeometry(0.06, 16, 12);
    const dotMat = new THREE.MeshBasicMaterial({ color: '#ff2a2a', depthTest: false, toneMapped: false });
    this.dot = new THREE.Mesh(dotGeo, dotMat);
    this.dot.renderOrder = 1002;
    // An arrow pointing along +Y (a cone on a short shaft).
    const head = new THREE.ConeGeometry(0.07, 0.14, 24);
    head.translate(0, 0.07, 0);
    const arrowMat = new THREE.MeshBasicMaterial({ color: '#e0a24a', depthTest: false, toneMapped: false, transparent: true, opacity: 0.95 });
    this.arrow = new THREE.Mesh(head, arrowMat);
    this.arrow.renderOrder = 1002;
    this.geometries = [dotGeo, head];
    this.materials = [dotMat, arrowMat];
    this.dot.visible = this.arrow.visible = false;
    this.group.add(this.dot, this.arrow);
    parent.add(this.group);
  }

  /** Each frame: the headset camera, the lead's pointer and focus (null: none to show). */
  update(camera: THREE.Camera, pointer: { yaw: number; pitch: number } | null, focus: { yaw: number; pitch: number } | null): void {
    if (pointer) {
      const d = directionFromYawPitch(pointer.yaw, pointer.pitch);
      this.dot.position.set(d[0], d[1], d[2]).multiplyScalar(POINTER_DISTANCE);
    }
    this.dot.visible = !!pointer;
    const where = focus ? directionFromCamera(camera, focus.yaw, focus.pitch) : null;
    this.arrow.visible = !!where && where.offAxis > ARROW_FROM;
    if (!where || !this.arrow.visible) return;
    camera.getWorldQuaternion(q);
    // Ahead of the eye, a little low; turned in the view plane towards the focus (screen angle is clockwise, y down).
    this.arrow.position.set(0, -0.25, -1.2).applyQuaternion(q);
    spin.setFromAxisAngle(z, (-(where.angle + 90) * Math.PI) / 180);
    this.arrow.quaternion.copy(q).multiply(spin);
  }

  dispose(): void {
    this.group.removeFromParent();
    for (const g of this.geometries) g.dispose();
    for (const m of this.materials) m.dispose();
  }
}
