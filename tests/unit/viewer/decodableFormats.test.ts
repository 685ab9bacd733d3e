import { describe, expect, it } from 'vitest';
import type { Scene } from '@protocol';
import { sceneForBrowser, tourForBrowser } from '../../../client/viewer/decodableFormats.ts';
import { TourController } from '../../../client/viewer/TourController.ts';

const avifScene: Scene = {
  id: 'hall',
  name: 'Hall',
  tileUrl: '/tiles/p/hall/r1/{l}/{f}/{y}_{x}.avif',
  previewUrl: '/tiles/p/hall/r1/preview.avif',
  previewFaceSize: 128,
  levels: [{ size: 512, tileSize: 512 }],
  tileFormat: 'avif',
  fallbackFormat: 'jpg',
  initialView: { yaw: 0, pitch: 0, fov: 90 },
  north: 0,
  floor: { x: 0, y: 0 },
  hotspots: [],
};

describe('tile format per browser', () => {
  it('keeps AVIF where the browser decodes it', () => {
    expect(sceneForBrowser(avifScene, new Set(['jpg', 'webp', 'avif']))).toBe(avifScene);
  });

  it('asks for the JPEG copies where it cannot', () => {
    const s = sceneForBrowser(avifScene, new Set(['jpg', 'webp']));
    expect(s.tileUrl).toBe('/tiles/p/hall/r1/{l}/{f}/{y}_{x}.jpg');
    expect(s.previewUrl).toBe('/tiles/p/hall/r1/preview.jpg');
    expect(s.tileFormat).toBe('jpg');
  });

  it('leaves scenes tiled before AVIF (JPEG only, no fallback) as they are', () => {
    const old: Scene = { ...avifScene, tileUrl: '/t/{l}/{f}/{y}_{x}.jpg', previewUrl: '/t/preview.jpg', tileFormat: 'jpg', fallbackFormat: undefined };
    expect(tourForBrowser({ startScene: 'hall', scenes: [old] }, new Set(['jpg'])).scenes[0]).toBe(old);
  });

  it('the tour requests the fallback preview in a browser without AVIF', () => {
    const requested: string[] = [];
    const tour = new TourController({ startScene: 'hall', scenes: [avifScene] }, {}, undefined, new Set(['jpg', 'webp']));
    // The viewer asked for the preview as soon as the room was set.
    requested.push(...tour.viewer.store.requestLog);
    expect(requested).toEqual(['/tiles/p/hall/r1/preview.jpg']);
    tour.dispose();
  });
});
