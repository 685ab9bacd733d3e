import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { AnchoredModel, uprightFacing } from '../../../../client/xr/ar/AnchoredModel.ts';

const pos = (m: THREE.Matrix4) => new THREE.Vector3().setFromMatrixPosition(m);

describe('AnchoredModel', () => {
  it('puts a model point where the anchor and its arScale say', () => {
    const a = new AnchoredModel({ position: [1, 0.75, -2], orientation: [0, 0, 0, 1] }, 0.01);
    // A point 100 units along x in a model authored in centimetres lands 1 m further along x.
    const p = new THREE.Vector3(100, 0, 0).applyMatrix4(a.worldMatrix());
    expect(p.x).toBeCloseTo(2);
    expect(p.y).toBeCloseTo(0.75);
    expect(p.z).toBeCloseTo(-2);
  });

  it('follows the anchor when the system moves it, and keeps the last pose when it is lost', () => {
    const a = new AnchoredModel({ position: [0, 0.75, -1], orientation: [0, 0, 0, 1] }, 1);
    a.setAnchor({ position: [0.02, 0.76, -1], orientation: [0, 0, 0, 1] });
    expect(pos(a.worldMatrix()).toArray().map((v) => +v.toFixed(3))).toEqual([0.02, 0.76, -1]);
    a.setAnchor(null);
    expect(a.anchorLost).toBe(true);
    expect(pos(a.worldMatrix()).y).toBeCloseTo(0.76);
  });

  it('applies pinch scale and twist yaw in the anchor space (about the surface normal)', () => {
    const a = new AnchoredModel({ position: [0, 1, 0], orientation: [0, 0, 0, 1] }, 1);
    a.scale = 2;
    a.yaw = Math.PI / 2;
    const p = new THREE.Vector3(1, 0, 0).applyMatrix4(a.worldMatrix());
    expect(p.x).toBeCloseTo(0);
    expect(p.y).toBeCloseTo(1);
    expect(p.z).toBeCloseTo(-2);
  });

  it('uprightFacing: stands on the hit point, upright whatever the hit reported, front (+z) to the viewer', () => {
    const tilted = new THREE.Quaternion().setFromEuler(new THREE.Euler(-Math.PI / 2, 0.3, 0));
    const pose = uprightFacing({ position: [0, 0.74, -1], orientation: [tilted.x, tilted.y, tilted.z, tilted.w] }, [0, 1.5, 0]);
    expect(pose.position).toEqual([0, 0.74, -1]);
    const q = new THREE.Quaternion(...pose.orientation);
    const up = new THREE.Vector3(0, 1, 0).applyQuaternion(q);
    expect(up.y).toBeCloseTo(1);
    const front = new THREE.Vector3(0, 0, 1).applyQuaternion(q);
    expect(front.z).toBeCloseTo(1); // the viewer is at +z from the table
  });
});
