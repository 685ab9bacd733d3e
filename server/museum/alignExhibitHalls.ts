import type { ExhibitRecord, PlaceRecord } from '../places/placeRecord.ts';

type Scene = PlaceRecord['scenes'][number];

/**
 * Makes each exhibit's `hall` say what the halls' hotspots say. The 'exhibit' hotspot is the
 * truth (it is what a visitor sees and clicks); `hall` is its copy on the exhibit, kept for the
 * listing and the editor. An exhibit stands in one place: if several hotspots open it, the one
 * in `preferScene` (the hall just edited) wins, else the first in room order, and the others
 * go. An exhibit no hotspot opens has no `hall`. Call it inside the places.update that changed
 * hotspots or halls, so both are saved together. Returns `place` itself when nothing changes.
 */
export function alignExhibitHalls(place: PlaceRecord, preferScene?: string): PlaceRecord {
  if (!place.exhibits?.length) return place;
  const ordered = [...place.scenes.filter((s) => s.id === preferScene), ...place.scenes.filter((s) => s.id !== preferScene)];
  const standing = new Map<string, { scene: Scene; hotspotId: string; yaw: number; pitch: number }>();
  for (const scene of ordered) {
    for (const h of scene.hotspots) {
      if (h.kind === 'exhibit' && !standing.has(h.exhibitId)) standing.set(h.exhibitId, { scene, hotspotId: h.id, yaw: h.yaw, pitch: h.pitch });
    }
  }
  let changed = false;
  const scenes = place.scenes.map((s) => {
    const kept = s.hotspots.filter((h) => h.kind !== 'exhibit' || (standing.get(h.exhibitId)?.scene === s && standing.get(h.exhibitId)?.hotspotId === h.id));
    if (kept.length === s.hotspots.length) return s;
    changed = true;
    return { ...s, hotspots: kept };
  });
  const exhibits = place.exhibits.map((e): ExhibitRecord => {
    const at = standing.get(e.id);
    const hall = at && { sceneId: at.scene.id, yaw: at.yaw, pitch: at.pitch };
    if (sameHall(e.hall, hall)) return e;
    changed = true;
    const { hall: _old, ...rest } = e;
    return hall ? { ...rest, hall } : rest;
  });
  return changed ? { ...place, scenes, exhibits } : place;
}

function sameHall(a: ExhibitRecord['hall'], b: ExhibitRecord['hall']): boolean {
  return a === b || (a !== undefined && b !== undefined && a.sceneId === b.sceneId && a.yaw === b.yaw && a.pitch === b.pitch);
}
