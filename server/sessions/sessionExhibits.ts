import type { Bounds, ModelCamera, SessionModelCamera } from '../protocol/index.ts';
import type { SessionExhibitEntry } from './SessionRoom.ts';

/** The panorama view a session without halls reports in its `room` (nothing shows it; a v1 peer needs one). */
export const NO_HALL_VIEW = { yaw: 0, pitch: 0, fov: 75 } as const;

/** A clamp into the session protocol's bounds (an ingest may measure anything; the wire carries ±1e5). */
const clampCoord = (x: number) => Math.max(-1e5, Math.min(1e5, Number.isFinite(x) ? x : 0));
const vec = (v: readonly number[]): [number, number, number] => [clampCoord(v[0]), clampCoord(v[1]), clampCoord(v[2])];

/** Where a viewer first sees a model: its centre from the front and a little above, the whole box in a 45° view. */
export function framingCamera(b: Bounds): SessionModelCamera {
  const c = [0, 1, 2].map((i) => (b.min[i] + b.max[i]) / 2);
  const size = Math.max(...[0, 1, 2].map((i) => b.max[i] - b.min[i]), 1e-3);
  const d = size * 1.6;
  return { position: vec([c[0], c[1] + d * 0.35, c[2] + d]), target: vec(c), fov: 45 };
}

const sessionCamera = (c: ModelCamera): SessionModelCamera => ({ position: vec(c.position), target: vec(c.target), fov: c.fov ?? 45 });

/**
 * What a guided session keeps of a museum's exhibits when it starts: each one's opening camera
 * (framed from its bounds) and its info points' cameras, so a `goto` is checked against the
 * place and one without a camera still lands somewhere sensible.
 */
export function sessionExhibits(
  exhibits: readonly { id: string; model: { bounds: Bounds }; infoPoints: readonly { id: string; camera?: ModelCamera }[]; eras?: readonly { id: string }[] }[],
): Record<string, SessionExhibitEntry> {
  const out: Record<string, SessionExhibitEntry> = {};
  for (const e of exhibits) {
    out[e.id] = {
      camera: framingCamera(e.model.bounds),
      infoPoints: Object.fromEntries(e.infoPoints.map((p) => [p.id, p.camera ? sessionCamera(p.camera) : null])),
      ...(e.eras?.length ? { eras: e.eras.map((era) => era.id) } : {}),
    };
  }
  return out;
}
