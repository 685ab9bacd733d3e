import type { BenchView } from './renderReference.ts';
import type { Peer } from './prepareTileSets.ts';

export type ViewerId = 'vantage' | Peer;
export const VIEWERS: readonly ViewerId[] = ['vantage', 'psv', 'marzipano', 'pannellum'];

/** A set of source photos, as Vantage knows it (a place) and as the peers do (tile sets named `set`). */
export interface BenchTarget {
  set: string;
  placeId: string;
  rooms: { id: string; photo: string }[];
}

/** The address of one viewer showing `room` of `target` at `view`, on the bench server. */
export function viewerUrl(base: string, viewer: ViewerId, target: BenchTarget, room: string, view: BenchView): string {
  if (viewer === 'vantage') return `${base}/places/${target.placeId}/tour?scene=${room}&yaw=${view.yaw}&pitch=${view.pitch}&fov=${view.hfov}`;
  const q = new URLSearchParams({ set: target.set, rooms: target.rooms.map((r) => r.id).join(','), room, yaw: String(view.yaw), pitch: String(view.pitch), hfov: String(view.hfov) });
  return `${base}/peers/pages/${viewer}.html?${q}`;
}

/** Requests that count as panorama imagery: every viewer's tiles and previews, not pages, scripts or Vantage's listing cover. */
export function isImageryUrl(url: string): boolean {
  const p = new URL(url).pathname;
  if (p.startsWith('/peers/tiles/')) return p.endsWith('.jpg');
  return p.startsWith('/tiles/') && !p.endsWith('cover.jpg');
}
