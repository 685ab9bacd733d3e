import type { Hotspot } from '@protocol';

let counter = 0;

/** A fresh id, unique within a room (ids only need to tell a room's hotspots apart). */
export function newHotspotId(now = Date.now()): string {
  return `hs-${now.toString(36)}-${(++counter).toString(36)}`;
}

/**
 * A hotspot dropped at yaw/pitch: a door to `target` when there is another room to go to,
 * else an information point with an empty title for the host to fill in.
 */
export function makeHotspot(at: { yaw: number; pitch: number }, target: string | undefined, id = newHotspotId()): Hotspot {
  return target ? { id, kind: 'scene', target, yaw: at.yaw, pitch: at.pitch } : { id, kind: 'info', yaw: at.yaw, pitch: at.pitch, title: '', text: '' };
}

/** The same hotspot (id, position) turned into the other kind. */
export function withHotspotKind(h: Hotspot, kind: Hotspot['kind'], target: string | undefined): Hotspot {
  if (h.kind === kind) return h;
  if (kind === 'scene' && target) return { id: h.id, kind: 'scene', target, yaw: h.yaw, pitch: h.pitch };
  if (kind === 'info') return { id: h.id, kind: 'info', yaw: h.yaw, pitch: h.pitch, title: '', text: '' };
  return h;
}
