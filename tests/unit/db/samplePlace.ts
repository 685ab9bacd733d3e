import type { ExhibitRecord, PlaceRecord, SceneRecord, ShowRecord } from '../../../server/places/placeRecord.ts';

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

/** An exhibit with info points, eras and awkward floats; `rev` names its model's folder. */
export function sampleExhibit(id: string, overrides: Partial<ExhibitRecord> = {}): ExhibitRecord {
  return {
    id,
    role: 'exhibit',
    title: `Vase ${id}`,
    titleZh: '花瓶',
    description: 'Lathe-turned, glazed.\nSecond line.',
    arScale: 0.01,
    minutes: 4.5,
    hall: { sceneId: 'living', yaw: -12.125, pitch: 3 },
    map: { x: 0.1 + 0.2, y: 7 },
    model: {
      rev: 'm0de1r3v',
      glb: 'model.glb',
      phone: 'model-phone.glb',
      usdz: 'model.usdz',
      poster: 'poster.webp',
      bytes: 123456,
      phoneBytes: 45678,
      bounds: { min: [-0.5, 0, -0.25], max: [0.5, 1.2 + 1e-9, 0.25] },
    },
    infoPoints: [
      { id: 'glaze', position: [0.1, 0.8, 0.2], normal: [0, 0, 1], title: 'Glaze', text: 'Celadon.', image: 'media/0123456789ab.webp', audio: 'media/ba9876543210.mp3' },
      { id: 'foot', position: [0, 0, 0], camera: { position: [1, 1, 1], target: [0, 0, 0], fov: 40 }, title: 'Foot', titleZh: '底足', text: '' },
    ],
    ...overrides,
  };
}

/** A show with one angle of each source kind and an awkward offset. */
export function sampleShow(overrides: Partial<ShowRecord> = {}): ShowRecord {
  return {
    status: 'live',
    startsAt: '2026-12-07T19:30:00.000Z',
    endsAt: null,
    slowLive: false,
    mainAngle: 'stage',
    angles: [
      { id: 'stage', label: 'Stage', labelZh: '舞台', projection: 'flat', offsetMs: 0, source: { kind: 'loop', segmentSeconds: 2, segments: 6 } },
      { id: 'wide-360', label: 'Wide 360°', projection: '360-stereo-tb', offsetMs: -1500, yaw: -12.5, source: { kind: 'published' } },
      { id: 'cdn', label: 'Balcony', projection: '360-mono', offsetMs: 40, source: { kind: 'url', url: 'https://cdn.example.com/balcony/index.m3u8' } },
    ],
    ...overrides,
  };
}
