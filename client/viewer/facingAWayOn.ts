import type { Scene, View } from '@protocol';
import { verticalFov, yawDelta } from './viewMath.ts';

const DEG = Math.PI / 180;
/** A door counts as in sight within this share of the half-width from the centre (not cut by the edge, not under a corner control). */
const IN_SIGHT = 0.75;
/** Where a turned-to door ends up: this share of the half-width from the centre, on the side it was on. */
const TURN_TO = 0.45;

/** The horizontal field of view actually on screen (the vertical one is capped on a tall phone). */
function shownHfov(view: View, aspect: number): number {
  const v = verticalFov(view.fov, aspect);
  return (2 * Math.atan(Math.tan((v * DEG) / 2) * aspect)) / DEG;
}

/**
 * A room's first view for a newcomer: as the room gives it, unless no way on (a door to
 * another room) is in sight — then turned, as little as it takes, so the nearest one is. On a
 * narrow phone the opening view showed an info point and no door: people swiped ~110° before
 * they saw where to go. A view the host chose on purpose (`initialViewChosen`), a room without
 * doors, and a link's own yaw are left as they are (the caller passes only views without one).
 * The first paint and the viewer both call this with the same size, so they agree.
 */
export function facingAWayOn(scene: Pick<Scene, 'hotspots' | 'initialViewChosen'>, view: View, aspect: number): View {
  if (scene.initialViewChosen || !(aspect > 0)) return view;
  // A way on: a door, or in a museum hall an exhibit to open (a hall that opens on its exhibit stays so).
  const doors = scene.hotspots.filter((h) => h.kind === 'scene' || h.kind === 'exhibit');
  if (doors.length === 0) return view;
  const half = shownHfov(view, aspect) / 2;
  const deltas = doors.map((d) => yawDelta(view.yaw, d.yaw));
  if (deltas.some((d) => Math.abs(d) <= half * IN_SIGHT)) return view;
  const nearest = deltas.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
  const yaw = view.yaw + nearest - Math.sign(nearest) * half * TURN_TO;
  return { ...view, yaw: ((yaw % 360) + 540) % 360 - 180 };
}
