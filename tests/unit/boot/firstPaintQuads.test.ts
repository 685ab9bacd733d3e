import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { FACE_IDS, facePoint, TILE_BORDER, type Scene } from '@protocol';
import { firstPaintQuads, type FirstPaintQuad } from '../../../client/boot/firstPaintQuads.ts';
import { firstViewTiles } from '../../../client/viewer/firstViewTiles.ts';
import { verticalFov } from '../../../client/viewer/viewMath.ts';

const scene: Scene = {
  id: 'a',
  name: 'a',
  tileUrl: '/t/a/{l}/{f}/{y}_{x}.avif',
  previewUrl: '/t/a/preview.avif',
  previewFaceSize: 128,
  levels: [328, 656, 1304].map((size) => ({ size, tileSize: 512 })),
  tileFormat: 'avif',
  initialView: { yaw: 0, pitch: 0, fov: 90 },
  north: 0,
  floor: { x: 0, y: 0 },
  hotspots: [],
};
const W = 1280, H = 720;

/** Where the WebGL viewer draws a world point: a camera aimed the way PanoramaLayer aims it, projected to CSS px. */
function viewerScreen(view: { yaw: number; pitch: number; fov: number }, p: readonly number[]): [number, number] | null {
  const camera = new THREE.PerspectiveCamera(verticalFov(view.fov, W / H), W / H, 0.1, 1000);
  camera.rotation.order = 'YXZ';
  camera.rotation.set((view.pitch * Math.PI) / 180, (-view.yaw * Math.PI) / 180, 0);
  camera.updateMatrixWorld();
  const v = new THREE.Vector3(p[0], p[1], p[2]);
  if (v.clone().applyMatrix4(camera.matrixWorldInverse).z >= 0) return null; // behind the camera
  v.project(camera);
  return [((v.x + 1) / 2) * W, ((1 - v.y) / 2) * H];
}

/** What the browser does with matrix3d(m) to the box pixel (u, v): column-major multiply, then the perspective divide. */
function cssScreen(q: FirstPaintQuad, u: number, v: number): [number, number] {
  const m = q.matrix;
  const x = m[0] * u + m[4] * v + m[12], y = m[1] * u + m[5] * v + m[13], w = m[3] * u + m[7] * v + m[15];
  return [x / w, y / w];
}

/** The world point of box pixel (u, v): for a tile from its URL's level, face and column/row. */
function tileWorld(q: FirstPaintQuad, u: number, v: number): [number, number, number] {
  const [, l, f, yx] = /\/(\d)\/(\w)\/(\d+_\d+)\./.exec(q.url)!;
  const [ty, tx] = yx.split('_').map(Number);
  const size = scene.levels[Number(l)].size;
  const px = tx * 512 - TILE_BORDER + u, py = ty * 512 - TILE_BORDER + v;
  return facePoint(f as (typeof FACE_IDS)[number], -1 + (2 * px) / size, 1 - (2 * py) / size);
}

describe('firstPaintQuads (the tour link painted with CSS before WebGL)', () => {
  const views = [
    { yaw: 30, pitch: 0, fov: 89 },
    { yaw: 30, pitch: 60, fov: 89 },
    { yaw: -120, pitch: -60, fov: 89 },
    { yaw: 170, pitch: 10, fov: 60 },
  ];

  it.each(views)('puts every tile pixel where the WebGL camera draws it (%o)', (view) => {
    const tiles = firstPaintQuads(scene, view, W, H, 1).filter((q) => q.kind === 'tile');
    expect(tiles.length).toBeGreaterThan(0);
    let checked = 0;
    for (const q of tiles)
      for (const [u, v] of [[0, 0], [q.width, 0], [q.width / 2, q.height / 3], [0, q.height], [q.width, q.height]]) {
        const want = viewerScreen(view, tileWorld(q, u, v));
        if (!want || Math.abs(want[0] - W / 2) > 2 * W || Math.abs(want[1] - H / 2) > 2 * H) continue; // far off screen: precision is moot
        const got = cssScreen(q, u, v);
        expect(got[0]).toBeCloseTo(want[0], 2);
        expect(got[1]).toBeCloseTo(want[1], 2);
        checked++;
      }
    expect(checked).toBeGreaterThan(tiles.length);
  });

  it('asks for exactly the tiles the viewer will, preview first, so the viewer finds them in the HTTP cache', () => {
    for (const dpr of [1, 2]) {
      const quads = firstPaintQuads(scene, { yaw: 30, pitch: 0, fov: 89 }, W, H, dpr);
      const urls = [...new Set(quads.map((q) => q.url))];
      expect(urls).toEqual(firstViewTiles(scene, { yaw: 30, pitch: 0, fov: 89 }, W, H, dpr));
    }
  });

  it('shows the preview faces that are in view, each cut from its place in the strip, and not the one behind', () => {
    const faces = firstPaintQuads(scene, { yaw: 30, pitch: 0, fov: 89 }, W, H, 1).filter((q) => q.kind === 'preview');
    const edge = 128 + 2 * TILE_BORDER;
    // Looking 30° right of front at the horizon: front and right are in view, back, top and bottom are not.
    expect(faces.map((q) => FACE_IDS[q.imageX / edge])).toEqual(['f', 'r']);
    for (const q of faces) expect([q.width, q.height]).toEqual([edge, edge]);
    // The front face's centre pixel lands where the viewer draws the front face's centre.
    const front = faces[0];
    const got = cssScreen(front, edge / 2, edge / 2);
    const want = viewerScreen({ yaw: 30, pitch: 0, fov: 89 }, [0, 0, -1])!;
    expect(got[0]).toBeCloseTo(want[0], 2);
    expect(got[1]).toBeCloseTo(want[1], 2);
  });

  it('follows the room’s initial view where the link gives none', () => {
    const turned = { ...scene, initialView: { yaw: 90, pitch: 0, fov: 89 } };
    const faces = firstPaintQuads(turned, {}, W, H, 1).filter((q) => q.kind === 'preview').map((q) => FACE_IDS[q.imageX / (128 + 2 * TILE_BORDER)]);
    expect(faces).toContain('r');
    expect(faces).not.toContain('l');
  });
});
