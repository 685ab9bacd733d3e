import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import type { Tour } from '@protocol';
import { DollhouseController, OVERVIEW_FOV } from '../../../client/viewer/DollhouseController.ts';
import { cameraPoseOf } from '../../../client/viewer/dollhouseCamera.ts';

function tour(north = 0): Tour {
  const scene = (id: string, x: number, y: number, yaw: number) => ({
    id, name: id, tileUrl: '', previewUrl: '', previewFaceSize: 64, levels: [{ size: 512, tileSize: 512 }], tileFormat: 'jpg' as const,
    initialView: { yaw, pitch: 0, fov: 90 }, north, floor: { x, y }, hotspots: [],
  });
  return {
    startScene: 'living',
    scenes: [scene('living', 3, 5.2, -150), scene('kitchen', 1.6, 2.15, -30)],
    floorPlan: { width: 6, height: 8, rooms: [{ sceneId: 'kitchen', polygon: [[0, 0], [3.2, 0], [3.2, 3.4], [0, 3.4]] }, { sceneId: 'living', polygon: [[0, 3.4], [6, 3.4], [6, 8], [0, 8]] }] },
    dollhouseUrl: '/tiles/x/_dollhouse/a.glb',
  };
}

/** A stand-in model: a 6 × 1 × 8 m block (floor at 0, top at 1), and a pane of glass in front of it. */
function withModel(c: DollhouseController) {
  const root = new THREE.Group();
  const block = new THREE.Mesh(new THREE.BoxGeometry(6, 1, 8), new THREE.MeshStandardMaterial());
  block.position.set(3, 0.5, 4);
  const glass = new THREE.Mesh(new THREE.PlaneGeometry(20, 20), new THREE.MeshStandardMaterial({ transparent: true, opacity: 0.1 }));
  glass.rotation.x = -Math.PI / 2;
  glass.position.y = 3;
  root.add(block, glass);
  root.updateMatrixWorld(true);
  c.model = { root, bounds: new THREE.Box3().setFromObject(block), dispose: () => {} };
}

function run(c: DollhouseController, camera: THREE.PerspectiveCamera, seconds: number) {
  for (let t = 0; t < seconds; t += 1 / 60) c.tick(camera, 1 / 60, 1280, 720);
}

describe('DollhouseController', () => {
  it('flies out of the current room to the overview', () => {
    const c = new DollhouseController(tour(), '/x.glb');
    withModel(c);
    const camera = new THREE.PerspectiveCamera(60, 16 / 9, 0.1, 1000);
    const from = c.panoramaPose('living', { yaw: -150, pitch: 0, fov: 90 }, 16 / 9);
    expect(from.position).toEqual({ x: 3, y: 1.6, z: 5.2 });
    c.open(from);
    expect(c.flying).toBe(true);
    expect(c.getState().flight).toBe('out');
    // One flight at a time.
    expect(c.flyTo('kitchen')).toBe(false);
    c.tick(camera, 0.5, 1280, 720);
    // The first frame shows where the flight starts.
    expect(cameraPoseOf(camera).position.y).toBeCloseTo(1.6, 6);
    expect(c.getState().flight).toBe('out');
    run(c, camera, 1);
    expect(c.flying).toBe(false);
    expect(c.getState().flight).toBeNull();
    const pose = cameraPoseOf(camera);
    expect(pose.fov).toBe(OVERVIEW_FOV);
    expect(pose.position.y).toBeGreaterThan(4);
    expect(c.orbitTarget).not.toBeNull();
  });

  it('flies into a room and hands the panorama the view it ends in, once', () => {
    const north = 30;
    const c = new DollhouseController(tour(north), '/x.glb');
    withModel(c);
    const camera = new THREE.PerspectiveCamera(60, 16 / 9, 0.1, 1000);
    c.open(c.panoramaPose('living', { yaw: 0, pitch: 0, fov: 90 }, 16 / 9));
    run(c, camera, 1.2);
    const departed: Array<[string, { yaw: number; pitch: number; fov: number }]> = [];
    const arrived: string[] = [];
    c.onDepart((id, view) => departed.push([id, view]));
    c.onArrive((id) => arrived.push(id));
    expect(c.flyTo('attic')).toBe(false);
    expect(c.flyTo('kitchen')).toBe(true);
    c.tick(camera, 1 / 60, 1280, 720);
    expect(departed).toHaveLength(1);
    expect(c.getState()).toMatchObject({ flight: 'in', flightTarget: 'kitchen' });
    expect(c.arrival?.sceneId).toBe('kitchen');
    // A second request while flying in is refused.
    expect(c.flyTo('living')).toBe(false);
    run(c, camera, 0.5);
    expect(arrived).toEqual([]);
    run(c, camera, 0.6);
    expect(arrived).toEqual(['kitchen']);
    const [id, view] = departed[0];
    expect(id).toBe('kitchen');
    const pose = cameraPoseOf(camera);
    expect(pose.position.x).toBeCloseTo(1.6, 9);
    expect(pose.position.y).toBeCloseTo(1.6, 9);
    expect(pose.position.z).toBeCloseTo(2.15, 9);
    expect(pose.pitch).toBeCloseTo(0, 9);
    // Panorama yaw = compass yaw + the scene's north offset; the panorama's own fov.
    expect(view.yaw).toBeCloseTo(pose.yaw + north, 6);
    expect(view).toMatchObject({ pitch: 0, fov: 90 });
    // The overview camera was south of the kitchen: it flew roughly north.
    expect(Math.abs(pose.yaw)).toBeLessThan(45);
    run(c, camera, 1);
    expect(arrived).toHaveLength(1);
  });

  it('measures between two surface points it picks under clicks, looking through glass', () => {
    const c = new DollhouseController(tour(), '/x.glb');
    withModel(c);
    const camera = new THREE.PerspectiveCamera(60, 1, 0.1, 1000);
    camera.up.set(0, 0, -1); // looking straight down: north up
    camera.position.set(1, 10, 2);
    camera.lookAt(1, 0, 2);
    camera.updateMatrixWorld();
    expect(c.measureAt(0, 0, camera)).toBeNull(); // not measuring yet
    c.setMeasuring(true);
    const a = c.measureAt(0, 0, camera)!;
    expect(a.y).toBeCloseTo(1, 6); // the block's top, not the glass at 3 m
    expect(a.x).toBeCloseTo(1, 6);
    expect(a.z).toBeCloseTo(2, 6);
    camera.position.set(4, 10, 6);
    camera.lookAt(4, 0, 6);
    camera.updateMatrixWorld();
    c.measureAt(0, 0, camera);
    expect(c.getState().tape.distance).toBeCloseTo(5, 6);
    // Missing the model adds nothing.
    camera.position.set(40, 10, 40);
    camera.lookAt(40, 0, 40);
    camera.updateMatrixWorld();
    expect(c.measureAt(0, 0, camera)).toBeNull();
    expect(c.getState().tape.points).toHaveLength(2);
    c.setMeasuring(false);
    expect(c.getState().tape.points).toHaveLength(0);
  });

  it('projects marker anchors to the screen', () => {
    const c = new DollhouseController(tour(), '/x.glb');
    const camera = new THREE.PerspectiveCamera(60, 2, 0.1, 100);
    camera.up.set(0, 0, -1);
    camera.position.set(1.6, 10, 2.15);
    camera.lookAt(1.6, 0, 2.15);
    camera.updateMatrixWorld();
    const kitchen = c.markers.find((m) => m.sceneId === 'kitchen')!;
    const p = c.project(kitchen.anchor, camera, 800, 400);
    expect(p.visible).toBe(true);
    expect(p.x).toBeCloseTo(400, 3);
    expect(p.y).toBeCloseTo(200, 3);
    camera.lookAt(1.6, 20, 2.15 + 1);
    camera.updateMatrixWorld();
    expect(c.project(kitchen.anchor, camera, 800, 400).visible).toBe(false);
  });
});
