import type { Exhibit, Place } from '@protocol';

/** One exhibit as the API gives it, placed on the map at (x, y). */
export function exhibit(id: string, x: number | null, y: number, over: Partial<Exhibit> = {}): Exhibit {
  return {
    id,
    role: 'exhibit',
    title: `Exhibit ${id}`,
    titleZh: `展品 ${id}`,
    description: '',
    arScale: 1,
    minutes: 5,
    ...(x === null ? {} : { map: { x, y } }),
    modelUrl: `/tiles/m/_exhibits/${id}/1/model.glb`,
    usdzUrl: `/tiles/m/_exhibits/${id}/1/model.usdz`,
    posterUrl: `/tiles/m/_exhibits/${id}/1/poster.webp`,
    bytes: 1000,
    bounds: { min: [0, 0, 0], max: [1, 1, 1] },
    infoPoints: [],
    ...over,
  };
}

const scene = (id: string, name: string, x: number, y: number) => ({
  id,
  name,
  nameZh: `${name}厅`,
  tileUrl: `/tiles/m/${id}/{l}/{f}/{y}_{x}.jpg`,
  previewUrl: `/tiles/m/${id}/preview.jpg`,
  previewFaceSize: 64,
  levels: [{ size: 512, tileSize: 512 }],
  tileFormat: 'jpg' as const,
  initialView: { yaw: 0, pitch: 0, fov: 90 },
  north: 0,
  floor: { x, y },
  hotspots: [],
});

/** A museum: two halls side by side on a 40 × 20 m map, and the exhibits given. */
export function museum(exhibits: Exhibit[]): Place {
  return {
    id: 'test-museum',
    kind: 'museum',
    title: 'Test Museum',
    city: 'Xi’an',
    address: '1 Museum Road',
    price: null,
    currency: 'CNY',
    coverUrl: '/tiles/m/cover.jpg',
    rooms: 2,
    description: 'A museum.',
    lat: 34.2,
    lng: 108.9,
    areaM2: null,
    tour: {
      startScene: 'east',
      scenes: [scene('east', 'East', 10, 10), scene('west', 'West', 30, 10)],
      floorPlan: {
        width: 40,
        height: 20,
        rooms: [
          { sceneId: 'east', polygon: [[0, 0], [20, 0], [20, 20], [0, 20]] },
          { sceneId: 'west', polygon: [[20, 0], [40, 0], [40, 20], [20, 20]] },
        ],
      },
    },
    exhibits,
  } satisfies Place;
}
