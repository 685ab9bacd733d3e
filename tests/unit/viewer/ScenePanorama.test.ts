import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import type { Scene } from '@protocol';
import { PanoramaViewer } from '../../../client/viewer/PanoramaViewer.ts';
import type { ImageFetcher } from '../../../client/viewer/TileLoader.ts';

const scene = (id: string): Scene => ({
  id,
  name: id,
  tileUrl: `/t/${id}/{l}/{f}/{y}_{x}.jpg`,
  previewUrl: `/t/${id}/preview.jpg`,
  previewFaceSize: 128,
  levels: [328, 656, 1304].map((size) => ({ size, tileSize: 512 })),
  tileFormat: 'jpg',
  initialView: { yaw: 0, pitch: 0, fov: 90 },
  north: 0,
  floor: { x: 0, y: 0 },
  hotspots: [],
});

/** Images are plain objects in Node; the fetcher answers after the test says so. */
function harness() {
  const requested: string[] = [];
  const pending = new Map<string, () => void>();
  const fetcher: ImageFetcher<ImageBitmap> = (url, signal) =>
    new Promise((resolve, reject) => {
      requested.push(url);
      const size = url.includes('preview') ? { width: 780, height: 130 } : { width: 514, height: 514 };
      pending.set(url, () => resolve({ image: { ...size, close() {} } as unknown as ImageBitmap, bytes: 1000 }));
      signal.addEventListener('abort', () => reject(new Error('abort')));
    });
  const viewer = new PanoramaViewer({ gpuBudgetBytes: 64 * 1024 * 1024, maxInFlight: 4, uploadsPerFrame: 2, fetcher });
  const camera = new THREE.PerspectiveCamera(58.7, 16 / 9, 0.1, 1000);
  const settle = async (frames = 10) => {
    for (let i = 0; i < frames; i++) {
      for (const [url, go] of pending) {
        pending.delete(url);
        go();
      }
      await new Promise((r) => setTimeout(r, 0));
      viewer.update(camera, null, 720);
    }
  };
  const drawn = () =>
    viewer.root.children.flatMap((g) => g.children.filter((m) => m.visible).map((m) => m.name));
  return { viewer, camera, requested, settle, drawn, pending };
}

describe('PanoramaViewer', () => {
  it('shows the preview first, then the chosen level sharpens the visible tiles only', async () => {
    const h = harness();
    h.viewer.setScene(scene('a'));
    expect(h.requested).toEqual(['/t/a/preview.jpg']);
    await h.settle(1);
    expect(h.viewer.status.previewReady).toBe(true);
    expect(h.viewer.status.sharp).toBe(false);
    await h.settle(10);
    expect(h.viewer.status).toMatchObject({ level: 2, sharp: true });
    const tiles = h.requested.filter((u) => !u.includes('preview'));
    expect(tiles.every((u) => u.startsWith('/t/a/2/f/'))).toBe(true);
    expect(tiles.length).toBeLessThanOrEqual(9);
  });

  it('draws a parent tile where the child has not arrived: never a hole', async () => {
    const h = harness();
    h.viewer.setScene(scene('a'));
    h.camera.fov = 110; // zoomed out: level 1 is enough
    h.camera.updateProjectionMatrix();
    await h.settle(8);
    expect(h.viewer.status.level).toBeLessThan(2);
    const coarse = h.drawn().filter((n) => /^\d\//.test(n));
    expect(coarse.length).toBeGreaterThan(0);
    // Zoom in: level 2 is wanted, nothing answers yet, the coarse tiles stay drawn.
    h.camera.fov = 40;
    h.camera.updateProjectionMatrix();
    h.viewer.update(h.camera, null, 720);
    expect(h.viewer.status).toMatchObject({ level: 2, sharp: false });
    expect(h.drawn().filter((n) => /^\d\//.test(n)).some((n) => coarse.includes(n))).toBe(true);
  });

  it('draws nothing the sharp level covers: the preview and coarser tiles only where a tile is still missing', async () => {
    const h = harness();
    h.viewer.setScene(scene('a'));
    h.camera.fov = 110; // zoomed out: level 1 first
    h.camera.updateProjectionMatrix();
    await h.settle(8);
    h.camera.fov = 40;
    h.camera.updateProjectionMatrix();
    await h.settle(10);
    expect(h.viewer.status).toMatchObject({ level: 2, sharp: true });
    // Covered: only level 2 is drawn — no preview, no level-1 tile under it.
    expect(h.drawn().length).toBeGreaterThan(0);
    expect(h.drawn().every((n) => n.startsWith('2/'))).toBe(true);
    // A quarter turn brings level-2 tiles into view that have not arrived: the preview shows
    // again exactly there, one patch per missing tile, and nowhere a tile is drawn (a whole
    // preview face under one hole was a second full-screen fill for software WebGL).
    h.camera.rotation.set(0, -Math.PI / 4 - 0.2, 0);
    h.camera.updateMatrixWorld();
    h.viewer.update(h.camera, null, 720);
    const { visible, ready, sharp } = h.viewer.status;
    expect(sharp).toBe(false);
    const patches = h.drawn().filter((n) => n.startsWith('preview:'));
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.length).toBe(visible - ready);
    const tiles = new Set(h.drawn().filter((n) => n.startsWith('2/')));
    expect(tiles.size).toBe(ready);
    for (const p of patches) expect(tiles.has(p.slice('preview:'.length)), p).toBe(false);
    expect(h.drawn().some((n) => n.startsWith('2/f/'))).toBe(true);
    // Once they arrive the patches go: nothing is left under a sharp view.
    await h.settle(10);
    expect(h.viewer.status.sharp).toBe(true);
    expect(h.viewer.root.children[0].children.filter((m) => m.name.startsWith('preview:'))).toEqual([]);
  });

  it('while the view moves, one tile goes to the GPU a frame; held still, as many as the budget allows', async () => {
    const h = harness(); // uploadsPerFrame: 2
    h.viewer.setScene(scene('a'));
    await h.settle(10);
    expect(h.viewer.status.sharp).toBe(true);
    // Turn to where nothing is loaded and let every fetch answer, without drawing a frame yet.
    h.camera.rotation.set(0, Math.PI, 0);
    h.camera.updateMatrixWorld();
    h.viewer.update(h.camera, null, 720);
    for (let i = 0; i < 3; i++) {
      for (const [url, go] of h.pending) {
        h.pending.delete(url);
        go();
      }
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(h.viewer.store.pendingUploads).toBeGreaterThan(3);
    const perFrame: number[] = [];
    for (let i = 0; i < 3; i++) {
      h.camera.rotation.y += 0.001; // a pan
      h.camera.updateMatrixWorld();
      h.viewer.update(h.camera, null, 720);
      perFrame.push(h.viewer.store.uploadsLastFrame);
    }
    expect(perFrame).toEqual([1, 1, 1]);
    h.viewer.update(h.camera, null, 720); // the same view: still
    expect(h.viewer.store.uploadsLastFrame).toBe(2);
  });

  it('turning around requests the tiles now in view and aborts the ones left behind', async () => {
    const h = harness();
    h.viewer.setScene(scene('a'));
    await h.settle(1);
    h.viewer.update(h.camera, null, 720); // asks for front tiles, none answered
    const before = h.viewer.store.loader.stats.aborted;
    h.camera.rotation.set(0, Math.PI, 0);
    h.viewer.update(h.camera, null, 720);
    expect(h.viewer.store.loader.stats.aborted).toBeGreaterThan(before);
    expect(h.requested.some((u) => u.includes('/2/b/'))).toBe(true);
  });

  it('keeps the room being left on screen until the next room preview is ready', async () => {
    const h = harness();
    h.viewer.setScene(scene('a'));
    await h.settle(5);
    h.viewer.setScene(scene('b'));
    h.viewer.update(h.camera, null, 720);
    expect(h.viewer.root.children.map((g) => g.name)).toEqual(['panorama:a', 'panorama:b']);
    await h.settle(3);
    // The fade runs on the frame clock: half-way, both are drawn; after it, only the new room.
    h.viewer.update(h.camera, null, 720, performance.now() + 100);
    expect(h.viewer.root.children).toHaveLength(2);
    h.viewer.update(h.camera, null, 720, performance.now() + 1000);
    expect(h.viewer.root.children.map((g) => g.name)).toEqual(['panorama:b']);
  });

  it('fetches the neighbours\' previews only once the room is sharp, and has them on the GPU before a switch', async () => {
    const h = harness();
    const uploaded: THREE.Texture[] = [];
    const renderer = { initTexture: (t: THREE.Texture) => uploaded.push(t) } as unknown as THREE.WebGLRenderer;
    h.viewer.setScene(scene('a'), [scene('b')]);
    await h.settle(1);
    expect(h.requested).not.toContain('/t/b/preview.jpg'); // not while the first tiles are awaited
    await h.settle(10);
    expect(h.viewer.status.sharp).toBe(true);
    expect(h.requested).toContain('/t/b/preview.jpg');
    await h.settle(1);
    h.viewer.update(h.camera, renderer, 720);
    const b = h.viewer.store.previewIfReady('/t/b/preview.jpg');
    expect(b && uploaded.includes(b.texture)).toBe(true);
    // Walking there draws its preview on the very next frame, and that frame is mostly the next
    // room: the room being left dissolves from 20 % opacity, it is not waited for at full.
    h.viewer.setScene(scene('b'), [scene('a')]);
    h.viewer.update(h.camera, renderer, 720);
    expect(h.viewer.status).toMatchObject({ sceneId: 'b', previewReady: true });
    const leaving = h.viewer.root.children.find((g) => g.name === 'panorama:a')!;
    const opacities: number[] = [];
    leaving.traverse((o) => {
      const m = (o as THREE.Mesh).material as THREE.Material | undefined;
      if (m && o.visible) opacities.push(m.opacity);
    });
    expect(opacities.length).toBeGreaterThan(0);
    for (const o of opacities) expect(o).toBeLessThanOrEqual(0.2);
    // And blended: a material first compiled opaque has alpha forced to 1 in its shader, so
    // the room being left must be recompiled as transparent (it was not: it stayed fully on
    // top, unchanged on screen, until the fade ended — a 200 ms wait after every click).
    leaving.traverse((o) => {
      const m = (o as THREE.Mesh).material as THREE.Material | undefined;
      if (m && o.visible) expect({ transparent: m.transparent, recompiled: m.version > 0 }).toEqual({ transparent: true, recompiled: true });
    });
  });
});
