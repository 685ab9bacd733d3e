import type { FloorPlan, Scene } from '@protocol';
import { EYE_HEIGHT, type Vec3 } from './dollhouseFlight.ts';

export interface DollhouseMarker {
  sceneId: string;
  /** Where the panorama was taken, on the floor. */
  floor: Vec3;
  /** Where the panorama's camera was: the end of the flight into the room. */
  eye: Vec3;
  /** Where the marker's button sits: above the floor point, clear of most furniture. */
  anchor: Vec3;
  /** The room's outline on the plan, when the plan has one for this scene. */
  room?: ReadonlyArray<readonly [number, number]>;
}

/** Height of a marker's button above the floor (below the dollhouse's cut walls). */
export const MARKER_HEIGHT = 1.1;

/**
 * One marker per scene at its floor-plan point. The dollhouse model is in floor-plan metres
 * (x = plan x, z = plan y), so plan coordinates are model coordinates as they are.
 */
export function dollhouseMarkers(scenes: readonly Scene[], plan?: FloorPlan, floorY = 0): DollhouseMarker[] {
  return scenes.map((s) => ({
    sceneId: s.id,
    floor: { x: s.floor.x, y: floorY, z: s.floor.y },
    eye: { x: s.floor.x, y: floorY + EYE_HEIGHT, z: s.floor.y },
    anchor: { x: s.floor.x, y: floorY + MARKER_HEIGHT, z: s.floor.y },
    room: plan?.rooms.find((r) => r.sceneId === s.id)?.polygon,
  }));
}
