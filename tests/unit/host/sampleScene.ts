import type { Scene } from '@protocol';

/** A room as the API returns it, for fakes. */
export function sampleScene(id: string): Scene {
  return {
    id,
    name: id,
    tileUrl: `/tiles/p/${id}/r1/{l}/{f}/{y}_{x}.jpg`,
    previewUrl: `/tiles/p/${id}/r1/preview.jpg`,
    previewFaceSize: 64,
    levels: [{ size: 512, tileSize: 512 }],
    tileFormat: 'jpg',
    initialView: { yaw: 0, pitch: 0, fov: 90 },
    north: 0,
    floor: { x: 0, y: 0 },
    hotspots: [],
  };
}
