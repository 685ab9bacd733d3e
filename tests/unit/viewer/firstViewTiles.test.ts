import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import type { Scene } from '@protocol';
import { firstViewTiles } from '../../../client/viewer/firstViewTiles.ts';
import { PanoramaViewer } from '../../../client/viewer/PanoramaViewer.ts';
import type { ImageFetcher } from '../../../client/viewer/TileLoader.ts';
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

/** What the real viewer asks for on its first frames, with a camera aimed the way PanoramaLayer aims it. */
function viewerRequests(view: { yaw: number; pitch: number; fov: number }, width: number, height: number, dpr: number): string[] {
  const requested: string[] = [];
  const fetcher: ImageFetcher<ImageBitmap> = (url) => {
    requested.push(url);
    return new Promise(() => {});
  };
  const viewer = new PanoramaViewer({ gpuBudgetBytes: 1 << 26, maxInFlight: 64, uploadsPerFrame: 2, fetcher });
  viewer.setScene(scene);
  const camera = new THREE.PerspectiveCamera(verticalFov(view.fov, width / height), width / height, 0.1, 1000);
  camera.rotation.order = 'YXZ';
  camera.rotation.set((view.pitch * Math.PI) / 180, (-view.yaw * Math.PI) / 180, 0);
  viewer.update(camera, null, height * dpr);
  viewer.dispose();
  return requested;
}

describe('firstViewTiles (what the page prefetches before the 3D bundle loads)', () => {
  for (const [view, w, h, dpr] of [
    [{ yaw: 0, pitch: 0, fov: 90 }, 1280, 720, 1],
    [{ yaw: 135, pitch: 35, fov: 90 }, 1280, 720, 2],
    [{ yaw: -100, pitch: -60, fov: 70 }, 390, 844, 2],
  ] as const)
    it(`asks for exactly the viewer's first requests, in its order (${view.yaw}°/${view.pitch}° on ${w}×${h}@${dpr})`, () => {
      expect(firstViewTiles(scene, view, w, h, dpr)).toEqual(viewerRequests(view, w, h, dpr));
    });

  it('opens at the room\'s initial view when the link names none', () => {
    const s = { ...scene, initialView: { yaw: 180, pitch: 0, fov: 90 } };
    expect(firstViewTiles(s, {}, 1280, 720, 1).slice(1).every((u) => u.includes('/2/b/'))).toBe(true);
  });
});

describe('a first view the page prefetched', () => {
  it('is drawn sharp on the viewer\'s first frame, and nothing is downloaded twice', async () => {
    const { prefetchBitmaps } = await import('../../../client/viewer/fetchBitmap.ts');
    const g = globalThis as Record<string, unknown>;
    const saved = { fetch: g.fetch, createImageBitmap: g.createImageBitmap };
    const fetched: string[] = [];
    g.fetch = async (url: string) => (fetched.push(url), new Response(new Uint8Array(10)));
    g.createImageBitmap = async () => ({ width: 514, height: 514, close() {} });
    try {
      const view = { yaw: 0, pitch: 0, fov: 90 };
      const urls = firstViewTiles(scene, view, 1280, 720, 1);
      prefetchBitmaps(urls);
      await new Promise((r) => setTimeout(r, 10));
      const viewer = new PanoramaViewer(); // the real fetcher
      viewer.setScene(scene);
      const camera = new THREE.PerspectiveCamera(verticalFov(90, 16 / 9), 16 / 9, 0.1, 1000);
      viewer.update(camera, null, 720);
      expect(viewer.status).toMatchObject({ previewReady: true, sharp: true, level: 2 });
      expect(fetched.sort()).toEqual([...urls].sort());
      viewer.dispose();
    } finally {
      Object.assign(g, saved);
    }
  });
});
