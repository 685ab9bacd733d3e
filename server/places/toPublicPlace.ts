import type { Place, PlaceSummary, Scene } from '../protocol/index.ts';
import type { PlaceRecord, SceneRecord } from './placeRecord.ts';

/** Base URL of a scene's tiles; `assetBase` is ASSET_BASE_URL (a CDN) or '' for this server. */
export function sceneTileBase(assetBase: string, placeId: string, scene: SceneRecord): string {
  return `${assetBase}/tiles/${placeId}/${scene.id}/${scene.tiles.rev}`;
}

function toScene(assetBase: string, place: PlaceRecord, s: SceneRecord): Scene {
  const base = sceneTileBase(assetBase, place.id, s);
  const ext = s.tiles.format;
  return {
    id: s.id,
    name: s.name,
    nameZh: s.nameZh,
    tileUrl: `${base}/{l}/{f}/{y}_{x}.${ext}`,
    previewUrl: `${base}/preview.${ext}`,
    previewFaceSize: s.tiles.previewFaceSize,
    levels: s.tiles.levels,
    tileFormat: ext,
    ...(s.tiles.fallback && { fallbackFormat: s.tiles.fallback }),
    initialView: s.initialView,
    north: s.north,
    floor: s.floor,
    hotspots: s.hotspots,
  };
}

export function toPlaceSummary(assetBase: string, p: PlaceRecord): PlaceSummary {
  const cover = p.scenes.find((s) => s.id === (p.coverScene ?? p.startScene)) ?? p.scenes[0];
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    city: p.city,
    address: p.address,
    price: p.price,
    currency: p.currency,
    // The cover is a flat crop of the cover scene, written next to its tiles by the ingest.
    coverUrl: cover ? `${sceneTileBase(assetBase, p.id, cover)}/cover.jpg` : '',
    rooms: p.scenes.length,
  };
}

export function toPublicPlace(assetBase: string, p: PlaceRecord): Place {
  return {
    ...toPlaceSummary(assetBase, p),
    description: p.description,
    lat: p.lat,
    lng: p.lng,
    areaM2: p.areaM2,
    tour: {
      startScene: p.startScene,
      scenes: p.scenes.map((s) => toScene(assetBase, p, s)),
      floorPlan: p.floorPlan,
      ...(p.dollhouse && { dollhouseUrl: `${assetBase}/tiles/${p.id}/${p.dollhouse}` }),
    },
  };
}
