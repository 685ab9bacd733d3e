import type { PlaceRecord, SceneRecord } from '../../../server/places/placeRecord.ts';

/** A scene with both hotspot kinds and awkward floats (they must come back bit-exact). */
export function sampleScene(id: string, overrides: Partial<SceneRecord> = {}): SceneRecord {
  return {
    id,
    name: `Room ${id}`,
    north: 12.5,
    floor: { x: 0.1 + 0.2, y: -3.75 },
    initialView: { yaw: -37.25, pitch: 4.5, fov: 75 },
    hotspots: [
      { id: `${id}-door`, kind: 'scene', target: 'kitchen', yaw: 91.125, pitch: -2 },
      { id: `${id}-note`, kind: 'info', yaw: 180, pitch: 10.5, title: 'Window', text: 'South-facing, 2.4 m wide' },
    ],
    tiles: {
      rev: 'r4nd0m01',
      levels: [
        { size: 512, tileSize: 512 },
        { size: 2048, tileSize: 512 },
      ],
      previewFaceSize: 64,
      format: 'webp',
    },
    ...overrides,
  };
}

/** A place with three scenes in non-alphabetical order, a floor plan and a null price. */
export function samplePlace(id: string, overrides: Partial<PlaceRecord> = {}): PlaceRecord {
  return {
    id,
    kind: 'home',
    title: `Flat ${id}`,
    city: 'Lisbon',
    address: 'Rua da Rosa 12',
    price: null,
    currency: 'EUR',
    description: 'Two rooms, one view — and a “quoted” line.\nSecond line.',
    lat: 38.7118 + 1e-9,
    lng: -9.1459,
    areaM2: 64.5,
    published: true,
    coverScene: 'kitchen',
    startScene: 'living',
    scenes: [
      sampleScene('living'),
      sampleScene('kitchen', { nameZh: '厨房' }),
      sampleScene('bath', { hotspots: [] }),
    ],
    floorPlan: {
      rooms: [
        { sceneId: 'living', polygon: [[0, 0], [4.5, 0], [4.5, 3.2], [0, 3.2]] },
        { sceneId: 'kitchen', polygon: [[4.5, 0], [7, 0], [7, 3.2]] },
      ],
      width: 10,
      height: 8,
    },
    ...overrides,
  };
}
