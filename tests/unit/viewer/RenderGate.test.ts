import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { RenderGate } from '../../../client/viewer/RenderGate.ts';

function world() {
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(60, 16 / 9, 0.1, 1000);
  const texture = new THREE.DataTexture(new Uint8Array(4), 1, 1);
  const material = new THREE.MeshBasicMaterial({ map: texture, transparent: true });
  const tile = new THREE.Mesh(new THREE.PlaneGeometry(), material);
  const root = new THREE.Group();
  root.add(tile);
  scene.add(root);
  const gate = new RenderGate();
  const draws = () => gate.shouldRender(scene, camera, 1280, 720, 1);
  return { scene, camera, texture, material, tile, root, gate, draws };
}

describe('RenderGate (a still panorama is not redrawn)', () => {
  it('draws the first frame, then nothing while nothing changes', () => {
    const { draws } = world();
    expect(draws()).toBe(true);
    expect(draws()).toBe(false);
    expect(draws()).toBe(false);
  });

  it('draws again when the camera turns or zooms, then stops', () => {
    const w = world();
    w.draws();
    w.camera.rotation.set(0.1, -0.5, 0);
    expect(w.draws()).toBe(true);
    expect(w.draws()).toBe(false);
    w.camera.fov = 50;
    expect(w.draws()).toBe(true);
    expect(w.gate.shouldRender(w.scene, w.camera, 1280, 720, 2), 'a new device ratio').toBe(true);
    expect(w.gate.shouldRender(w.scene, w.camera, 640, 720, 2), 'a resized canvas').toBe(true);
  });

  it('draws when a tile arrives, shows, fades, gets a texture update or leaves', () => {
    const w = world();
    w.draws();
    const next = new THREE.Mesh(new THREE.PlaneGeometry(), new THREE.MeshBasicMaterial());
    w.root.add(next);
    expect(w.draws(), 'a mesh added').toBe(true);
    next.visible = false;
    expect(w.draws(), 'hidden').toBe(true);
    expect(w.draws()).toBe(false);
    w.material.opacity = 0.5;
    expect(w.draws(), 'fading').toBe(true);
    w.texture.needsUpdate = true;
    expect(w.draws(), 'texture re-uploaded').toBe(true);
    w.material.map = new THREE.DataTexture(new Uint8Array(4), 1, 1);
    expect(w.draws(), 'another texture').toBe(true);
    w.root.remove(w.tile);
    expect(w.draws(), 'a mesh removed').toBe(true);
    next.position.x = 1;
    expect(w.draws(), 'moved').toBe(true);
    expect(w.draws()).toBe(false);
  });

  it('draws after invalidate (a restored WebGL context has nothing on it)', () => {
    const w = world();
    w.draws();
    w.gate.invalidate();
    expect(w.draws()).toBe(true);
    expect(w.draws()).toBe(false);
  });
});
