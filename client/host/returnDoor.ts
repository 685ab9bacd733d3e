import type { Hotspot, Scene } from '@protocol';
import { normaliseYaw } from '@protocol/normaliseYaw.ts';
import { newHotspotId } from './makeHotspot.ts';

/**
 * The way back for a new door from `from` into `to`: a door in `to` leading to `from`, set
 * where `from` lies on the floor plan (the plan is north up, x east, y south; a room's `north`
 * is the panorama yaw of north), a little below the horizon like a door's foot. Null when `to`
 * already has a door back. A host who links the hall to the study almost always wants the
 * study to lead back, and a room with a door in and none out is a dead end.
 */
export function returnDoor(from: Pick<Scene, 'id' | 'floor'>, to: Pick<Scene, 'hotspots' | 'floor' | 'north'>, id = newHotspotId()): Hotspot | null {
  if (to.hotspots.some((h) => h.kind === 'scene' && h.target === from.id)) return null;
  const dx = from.floor.x - to.floor.x;
  const dy = from.floor.y - to.floor.y;
  // Rooms at the same plan spot (not placed yet): straight ahead of the room's north.
  const bearing = dx === 0 && dy === 0 ? 0 : (Math.atan2(dx, -dy) * 180) / Math.PI;
  return { id, kind: 'scene', target: from.id, yaw: Math.round(normaliseYaw(bearing + to.north) * 10) / 10, pitch: -10 };
}
