import type { Exhibit } from '@protocol';

/** An exhibit as the API answers it, with two info points (one with media). */
export function sampleExhibit(over: Partial<Exhibit> = {}): Exhibit {
  return {
    id: 'bronze-ding',
    role: 'exhibit',
    title: 'Bronze ding',
    titleZh: '青铜鼎',
    description: 'A ritual vessel.',
    arScale: 1,
    minutes: 3,
    modelUrl: '/tiles/m/_exhibits/bronze-ding/abc/model.glb',
    usdzUrl: '/tiles/m/_exhibits/bronze-ding/abc/model.usdz',
    posterUrl: '/tiles/m/_exhibits/bronze-ding/abc/poster.webp',
    bytes: 1000,
    bounds: { min: [-1, 0, -1], max: [1, 2, 1] },
    infoPoints: [
      { id: 'p1', position: [0, 1, 1], normal: [0, 0, 1], title: 'Inscription', titleZh: '铭文', text: 'Cast, not carved.', imageUrl: '/tiles/m/img.webp' },
      { id: 'p2', position: [1, 1, 0], title: 'Handle', text: '' },
    ],
    ...over,
  };
}
