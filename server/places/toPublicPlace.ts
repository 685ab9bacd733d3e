import type { Angle, Place, PlaceSummary, Scene, Show, ShowStatus } from '../protocol/index.ts';
import { alignExhibitHalls } from '../museum/alignExhibitHalls.ts';
import { toPublicExhibit } from '../museum/toPublicExhibit.ts';
import type { AngleRecord, PlaceRecord, SceneRecord, ShowRecord } from './placeRecord.ts';

/**
 * Base URL of a place's files (its rooms' tiles, plan, dollhouse and exhibits). `assetBase` is
 * ASSET_BASE_URL (a CDN) or '' for this server; with a `grant` (see createTileGrants) the
 * files are served whether or not the place is published — the host console's view.
 */
export function placeFileBase(assetBase: string, placeId: string, grant?: string): string {
  return `${assetBase}/tiles/${placeId}${grant ? `/~${grant}` : ''}`;
}

function toScene(base: string, s: SceneRecord): Scene {
  const sceneBase = `${base}/${s.id}/${s.tiles.rev}`;
  const ext = s.tiles.format;
  return {
    id: s.id,
    name: s.name,
    nameZh: s.nameZh,
    tileUrl: `${sceneBase}/{l}/{f}/{y}_{x}.${ext}`,
    previewUrl: `${sceneBase}/preview.${ext}`,
    previewFaceSize: s.tiles.previewFaceSize,
    coverUrl: `${sceneBase}/cover.jpg`,
    levels: s.tiles.levels,
    tileFormat: ext,
    ...(s.tiles.fallback && { fallbackFormat: s.tiles.fallback }),
    initialView: s.initialView,
    ...(s.initialViewChosen && { initialViewChosen: true }),
    north: s.north,
    floor: s.floor,
    hotspots: s.hotspots,
  };
}

/**
 * Where an angle's playlist is: a loop is served by this server as a live window (same origin,
 * never a CDN: its playlist is made per request); what `npm run live` publishes is files in the
 * place's folder (a CDN may serve them) — the live window, or on replay the whole recording
 * (`archive.m3u8`, with the live stream's program dates, so chat stamped live meets its picture);
 * a venue's own URL as it is.
 */
export function anglePlaylistUrl(base: string, placeId: string, a: AngleRecord, status?: ShowStatus): string {
  switch (a.source.kind) {
    case 'loop':
      return `/live/${placeId}/${a.id}/index.m3u8`;
    case 'published':
      return `${base}/_show/${a.id}/${status === 'replay' ? 'archive' : 'index'}.m3u8`;
    case 'url':
      return a.source.url;
  }
}

/** A still of an angle, where one is stored: a loop keeps one beside its segments (served with them). */
function anglePosterUrl(placeId: string, a: AngleRecord): string | undefined {
  return a.source.kind === 'loop' ? `/live/${placeId}/${a.id}/poster.jpg` : undefined;
}

/** A show with no room is shown by its main angle's still (the first angle with one). */
function showCover(p: PlaceRecord): string {
  const angles = p.show?.angles ?? [];
  const main = angles.find((a) => a.id === p.show?.mainAngle);
  for (const a of main ? [main, ...angles] : angles) {
    const url = anglePosterUrl(p.id, a);
    if (url) return url;
  }
  return '';
}

/** The show as the API sends it: each angle names its playlist, its stored source stays on the server. */
export function toPublicShow(base: string, placeId: string, s: ShowRecord): Show {
  const { angles, ...fields } = s;
  return {
    ...fields,
    angles: angles.map((a): Angle => {
      const { source: _source, ...public_ } = a;
      const posterUrl = anglePosterUrl(placeId, a);
      return { ...public_, playlistUrl: anglePlaylistUrl(base, placeId, a, s.status), ...(posterUrl && { posterUrl }) };
    }),
  };
}

/** A museum with no hall yet shows its first exhibit's poster (the sand table's, if it has one). */
function exhibitCover(base: string, p: PlaceRecord): string {
  const e = p.exhibits?.find((x) => x.role === 'site') ?? p.exhibits?.[0];
  return e ? toPublicExhibit(base, e).posterUrl : '';
}

export function toPlaceSummary(assetBase: string, p: PlaceRecord, grant?: string): PlaceSummary {
  const cover = p.scenes.find((s) => s.id === (p.coverScene ?? p.startScene)) ?? p.scenes[0];
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    city: p.city,
    address: p.address,
    price: p.price,
    currency: p.currency,
    areaM2: p.areaM2,
    ...(p.facts && Object.keys(p.facts).length > 0 && { facts: p.facts }),
    // Only the Chinese texts the host wrote: '' (cleared in the console) is sent as absent.
    ...(p.titleZh?.trim() && { titleZh: p.titleZh }),
    ...(p.cityZh?.trim() && { cityZh: p.cityZh }),
    ...(p.addressZh?.trim() && { addressZh: p.addressZh }),
    // The cover is a flat crop of the cover scene, written next to its tiles by the ingest.
    coverUrl: cover ? `${placeFileBase(assetBase, p.id, grant)}/${cover.id}/${cover.tiles.rev}/cover.jpg` : exhibitCover(placeFileBase(assetBase, p.id, grant), p) || showCover(p),
    rooms: p.scenes.length,
  };
}

/** The place as the API and the tour page show it; a `grant` makes its file URLs work while it is unpublished. */
export function toPublicPlace(assetBase: string, stored: PlaceRecord, grant?: string): Place {
  // An exhibit's hall is what the halls' hotspots say, even on a record saved before the two were kept together.
  const p = alignExhibitHalls(stored);
  const base = placeFileBase(assetBase, p.id, grant);
  return {
    ...toPlaceSummary(assetBase, p, grant),
    description: p.description,
    ...(p.descriptionZh?.trim() && { descriptionZh: p.descriptionZh }),
    lat: p.lat,
    lng: p.lng,
    tour: {
      startScene: p.startScene,
      scenes: p.scenes.map((s) => toScene(base, s)),
      ...(p.floorPlan && { floorPlan: { ...p.floorPlan, ...(p.floorPlan.image && { image: `${base}/${p.floorPlan.image}` }) } }),
      ...(p.dollhouse && { dollhouseUrl: `${base}/${p.dollhouse}` }),
    },
    ...(p.exhibits?.length && { exhibits: p.exhibits.map((e) => toPublicExhibit(base, e)) }),
    ...(p.show && { show: toPublicShow(base, p.id, p.show) }),
  };
}
