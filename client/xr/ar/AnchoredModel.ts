import * as THREE from 'three';
import type { ArPose } from './arPlacement.ts';

/**
 * A placed model's pose, kept in its anchor's space: the world pose is recomputed each frame
 * from where the anchor is now (the system moves anchors as it refines its map), so the model
 * stays on the table while the phone moves. Without anchor support the anchor is the hit pose,
 * fixed in the reference space.
 */
export class AnchoredModel {
  /** Where the anchor is now (reference space); updated by the binding from XRAnchor.anchorSpace. */
  readonly anchor = new THREE.Matrix4();
  /** Turned about the surface normal by twist gestures (radians). */
  yaw: number;
  /** Relative to real size (pinch); the model's arScale turns units into metres. */
  scale = 1;
  /** True while the anchor is not being tracked this frame: the last pose stands. */
  anchorLost = false;
  private readonly world = new THREE.Matrix4();
  private readonly tmp = new THREE.Matrix4();

  constructor(
    pose: ArPose,
    /** Metres per model unit. */
    readonly arScale: number,
    yaw = 0,
  ) {
    this.yaw = yaw;
    this.setAnchor(pose);
  }

  /** The anchor's pose this frame, or null when the system could not locate it. */
  setAnchor(pose: ArPose | null): void {
    if (!pose) {
      this.anchorLost = true;
      return;
    }
    this.anchorLost = false;
    this.anchor.compose(new THREE.Vector3(...pose.position), new THREE.Quaternion(...pose.orientation), new THREE.Vector3(1, 1, 1));
  }

  /** The model root's world matrix: anchor × yaw × (scale · arScale). */
  worldMatrix(): THREE.Matrix4 {
    const s = this.scale * this.arScale;
    this.tmp.makeRotationY(this.yaw).scale(new THREE.Vector3(s, s, s));
    return this.world.multiplyMatrices(this.anchor, this.tmp);
  }
}

/**
 * The pose to anchor a model at, from a hit on a surface: on the hit point, upright (world up
 * on floors and tables, whatever yaw the hit reported), and turned to face the viewer.
 */
export function uprightFacing(hit: ArPose, viewer: [number, number, number]): ArPose {
  const [x, y, z] = hit.position;
  const yaw = Math.atan2(viewer[0] - x, viewer[2] - z);
  const q = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 1, 0), yaw);
  return { position: [x, y, z], orientation: [q.x, q.y, q.z, q.w] };
}
