import { describe, expect, it } from 'vitest';
import { chunkPreloads, modulePreloads, type ViteManifest } from '../../../server/static/modulePreloads.ts';

const manifest: ViteManifest = {
  'main.tsx': { file: 'assets/index-1.js', isEntry: true, imports: ['_react.js'] },
  '_react.js': { file: 'assets/react-2.js' },
  'routes/TourPage.tsx': { file: 'assets/TourPage-3.js', imports: ['_react.js', '_three.js', 'tour/TourView.tsx'] },
  'tour/TourView.tsx': { file: 'assets/TourView-4.js', imports: ['_three.js'], css: ['assets/TourView-5.css'] },
  '_three.js': { file: 'assets/three-6.js' },
  'routes/HostPage.tsx': { file: 'assets/HostPage-7.js' },
};

describe('modulePreloads', () => {
  it('names the tour page, everything it imports and its CSS — not what the entry already loads, not other pages', () => {
    const html = modulePreloads(manifest, 'routes/TourPage.tsx');
    expect(html.match(/href="[^"]+"/g)).toEqual(['href="/assets/TourPage-3.js"', 'href="/assets/three-6.js"', 'href="/assets/TourView-4.js"', 'href="/assets/TourView-5.css"']);
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/three-6.js">');
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/TourView-5.css">');
  });
  it('is empty without a manifest entry (a dev build, an old dist)', () => {
    expect(modulePreloads({}, 'routes/TourPage.tsx')).toBe('');
    expect(chunkPreloads({}, 'routes/TourPage.tsx')).toEqual({ modules: [], styles: [] });
  });
  it('gives the same as URLs, for a tour link whose first paint preloads them itself', () => {
    expect(chunkPreloads(manifest, 'routes/TourPage.tsx')).toEqual({
      modules: ['/assets/TourPage-3.js', '/assets/three-6.js', '/assets/TourView-4.js'],
      styles: ['/assets/TourView-5.css'],
    });
  });
});
