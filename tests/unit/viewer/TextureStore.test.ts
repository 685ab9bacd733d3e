import { describe, expect, it } from 'vitest';
import type * as THREE from 'three';
import { TextureStore } from '../../../client/viewer/TextureStore.ts';
import type { ImageFetcher } from '../../../client/viewer/TileLoader.ts';

const fetcher: ImageFetcher<ImageBitmap> = async () => ({ image: { width: 514, height: 514, close() {} } as unknown as ImageBitmap, bytes: 1000 });

describe('TextureStore uploads', () => {
  it('spends at most its per-frame time budget on uploads (a slow device spreads a burst over frames)', async () => {
    let clock = 0;
    const store = new TextureStore({ gpuBudgetBytes: 1 << 28, maxInFlight: 8, uploadsPerFrame: 8, uploadMsPerFrame: 6, fetcher, now: () => clock });
    // Each upload costs 4 ms on this device.
    const renderer = { initTexture: () => void (clock += 4) } as unknown as THREE.WebGLRenderer;
    store.want(Array.from({ length: 6 }, (_, i) => ({ url: `/t/${i}.avif` })));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.pendingUploads).toBe(6);
    expect(store.upload(renderer)).toBe(2); // 0 → 4 ms: another fits; 8 ms: over budget
    expect(store.upload(renderer)).toBe(2);
    expect(store.upload(renderer)).toBe(2);
    expect(store.tiles.size).toBe(6);
    store.dispose();
  });

  it('a fast device uploads a whole first view in one frame, up to the count cap', async () => {
    const store = new TextureStore({ gpuBudgetBytes: 1 << 28, maxInFlight: 8, uploadsPerFrame: 4, uploadMsPerFrame: 6, fetcher, now: () => 0 });
    const renderer = { initTexture: () => {} } as unknown as THREE.WebGLRenderer;
    store.want(Array.from({ length: 6 }, (_, i) => ({ url: `/t/${i}.avif` })));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.upload(renderer)).toBe(4);
    expect(store.upload(renderer)).toBe(2);
    store.dispose();
  });

  it('without a time budget the count cap holds; "unlimited" (before the first sharp view) takes everything', async () => {
    const store = new TextureStore({ gpuBudgetBytes: 1 << 28, maxInFlight: 8, uploadsPerFrame: 2, fetcher });
    const renderer = { initTexture: () => {} } as unknown as THREE.WebGLRenderer;
    store.want(Array.from({ length: 6 }, (_, i) => ({ url: `/t/${i}.avif` })));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.upload(renderer)).toBe(2);
    expect(store.upload(renderer, true)).toBe(4);
    store.dispose();
  });
});
