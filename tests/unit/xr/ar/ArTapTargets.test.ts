import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { ArTapTargets } from '../../../../client/xr/ar/ArTapTargets.ts';

function plate(z: number, name: string) {
  const m = new THREE.Mesh(new THREE.PlaneGeometry(1, 1), new THREE.MeshBasicMaterial({ side: THREE.DoubleSide }));
  m.position.z = z;
  m.name = name;
  m.updateMatrixWorld(true);
  return m;
}

describe('ArTapTargets', () => {
  const origin = new THREE.Vector3(0, 0, 1);
  const forward = new THREE.Vector3(0, 0, -1);

  it('answers the nearest target on the ray, none off it, and forgets removed ones', () => {
    const taps = new ArTapTargets();
    const hits: string[] = [];
    const near = plate(0, 'near'), far = plate(-1, 'far');
    const offNear = taps.add(near, () => hits.push('near'));
    taps.add(far, () => hits.push('far'));
    taps.hit(origin, forward)!();
    expect(taps.hit(origin, new THREE.Vector3(0, 1, 0))).toBeNull();
    offNear();
    taps.hit(origin, forward)!();
    expect(hits).toEqual(['near', 'far']);
  });

  it('a disc or button (priority ≥ 2) wins over a model body in front of it; hidden targets are skipped', () => {
    const taps = new ArTapTargets();
    const hits: string[] = [];
    const body = plate(0, 'body');
    body.userData.tapPriority = 1;
    const disc = plate(-1, 'disc');
    disc.userData.tapPriority = 2;
    taps.add(body, () => hits.push('body'));
    taps.add(disc, () => hits.push('disc'));
    taps.hit(origin, forward)!();
    disc.visible = false;
    taps.hit(origin, forward)!();
    expect(hits).toEqual(['disc', 'body']);
  });
});
