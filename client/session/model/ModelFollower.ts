import type { InfoPoint, ModelCamera, ModelPose, SessionExhibit, SessionModelCamera, SessionVec3 } from '@protocol';
import type { FollowController } from '../FollowController.ts';
import { smoothDamp } from '../smoothDamp.ts';

/** What the follower needs of an exhibit's viewer (client/model/ExhibitController fits; tests pass a fake). */
export interface FollowedModel {
  readonly infoPoints: readonly InfoPoint[];
  readonly activeInfoPoint: string | null;
  camera(): ModelCamera;
  setCamera(c: ModelCamera, source?: 'user' | 'api'): void;
  setActiveInfoPoint(id: string | null, fly?: boolean): boolean;
  frameInfoPoint(p: InfoPoint): ModelCamera;
  onChange(listener: (c: { camera: ModelCamera; activeInfoPoint: string | null; source: string }) => void): () => void;
}

/** The lead's camera on an exhibit, as the pose lane (or the state lane's exhibit change) tells it. */
export interface ModelTarget {
  exhibitId: string;
  camera: SessionModelCamera;
  /** Server time of the news: older news never overrides newer. */
  t: number;
}

/** A model's fov when its camera names none (the viewer's default). */
export const MODEL_FOV = 40;
/** About how long a follower's camera trails the lead's (s), as in the panorama. */
const SMOOTH_TIME = 0.15;

const flat = (c: ModelCamera): number[] => [...c.position, ...c.target, c.fov ?? MODEL_FOV];
const unflat = (v: number[]): SessionModelCamera => ({ position: [v[0], v[1], v[2]], target: [v[3], v[4], v[5]], fov: v[6] });
/** The camera as the session sends it: the fov set, numbers rounded to 0.1 mm. */
export const sessionCamera = (c: ModelCamera): SessionModelCamera => unflat(flat(c).map((x) => Math.round(x * 1e4) / 1e4));

/**
 * Follow mode on an exhibit, without React, sharing the panorama's `following` flag (the one
 * Follow button, the one report to the server): a follower's orbit camera glides after the
 * lead's with the same critically damped spring, and the group's info point opens on it. A
 * drag, a key or a point the follower opens themselves is looking freely (following stops);
 * `follow.follow()` snaps back — the spring brings the camera to the lead again.
 * For the lead it is the other way round: an info point they open goes to the group (`goto`).
 */
export class ModelFollower {
  /** The exhibit open for the group, from the state lane (null: the hall). */
  shared: SessionExhibit | null = null;
  target: ModelTarget | null = null;
  /** The lead's laser on the model (model space), from the pose lane. */
  leadPoint: { exhibitId: string; point: SessionVec3 } | null = null;
  /** This person's own laser on the model while leading (set by the exhibit view's click). */
  laser: SessionVec3 | null = null;
  private view: { exhibitId: string; model: FollowedModel; off: () => void } | null = null;
  private vel = [0, 0, 0, 0, 0, 0, 0];
  private applying = false;

  constructor(
    private readonly follow: FollowController,
    private readonly sendPoint: (exhibitId: string, infoPointId: string | null, camera: SessionModelCamera) => void,
  ) {}

  /** The exhibit view this screen shows now (null: none); returns its detach. */
  attach(exhibitId: string, model: FollowedModel): () => void {
    this.view?.off();
    const off = model.onChange((c) => {
      if (this.applying) return;
      if (this.follow.leading) {
        // The lead opened (or closed) a point: the whole group goes there, on the state lane.
        if (c.source !== 'point') return;
        const p = model.infoPoints.find((q) => q.id === c.activeInfoPoint);
        this.sendPoint(exhibitId, c.activeInfoPoint, sessionCamera(p ? model.frameInfoPoint(p) : c.camera));
      } else if (c.source === 'user' || c.source === 'point') this.follow.stop('drag');
    });
    this.view = { exhibitId, model, off };
    this.vel = this.vel.map(() => 0);
    // Arriving: start where the lead is, not at the home view (no glide across the model).
    if (!this.follow.leading && this.follow.following) {
      const t = this.target?.exhibitId === exhibitId ? this.target : null;
      this.apply(() => {
        if (t) model.setCamera(t.camera, 'api');
        model.setActiveInfoPoint(this.sharedPoint(exhibitId), false);
      });
    }
    return () => {
      if (this.view?.model !== model) return;
      off();
      this.view = null;
    };
  }

  /** The state lane's exhibit (sequenced): the group's info point, and the camera unless a newer pose says more. */
  setShared(e: SessionExhibit | null, at: number): void {
    this.shared = e ? { ...e } : null;
    if (!e) return;
    if (this.target && this.target.exhibitId === e.exhibitId && this.target.t > at) return;
    this.target = { exhibitId: e.exhibitId, camera: e.camera, t: at };
  }

  /** A fresh snapshot or a new lead: their news is not comparable with the last one's. */
  reset(e: SessionExhibit | null): void {
    this.target = null;
    this.leadPoint = null;
    this.setShared(e, 0);
  }

  /** The lead's pose on a model (pose lane, latest wins). */
  setPose(m: ModelPose, t: number): void {
    this.leadPoint = m.point ? { exhibitId: m.exhibitId, point: m.point } : null;
    if (this.target && t < this.target.t) return;
    this.target = { exhibitId: m.exhibitId, camera: m.camera, t };
  }

  /** The camera of the exhibit view this screen shows (null: none); e2e tests read it. */
  get viewCamera(): ModelCamera | null {
    return this.view?.model.camera() ?? null;
  }

  /** True while the camera is being turned towards the lead's. */
  get steering(): boolean {
    const v = this.view;
    return !!v && !this.follow.leading && this.follow.following && this.target?.exhibitId === v.exhibitId;
  }

  /** What this screen's pose says about the model: its exhibit, camera and (leading) laser. */
  pose(): ModelPose | null {
    const v = this.view;
    if (!v || this.shared?.exhibitId !== v.exhibitId) return null;
    return { exhibitId: v.exhibitId, camera: sessionCamera(v.model.camera()), point: this.follow.leading ? this.laser : null };
  }

  /** Call every frame: moves a following camera and keeps the group's info point open on it. */
  tick(dtSeconds: number): void {
    if (!this.steering) {
      this.vel = this.vel.map(() => 0);
      return;
    }
    const { exhibitId, model } = this.view!;
    const point = this.sharedPoint(exhibitId);
    if (model.activeInfoPoint !== point) this.apply(() => model.setActiveInfoPoint(point, false));
    const dt = Math.min(Math.max(dtSeconds, 0), 0.1);
    const cur = flat(model.camera());
    const to = flat(this.target!.camera);
    const span = Math.max(1e-6, Math.hypot(to[0] - to[3], to[1] - to[4], to[2] - to[5]));
    if (cur.every((x, i) => Math.abs(x - to[i]) < (i === 6 ? 0.01 : span * 1e-4))) {
      this.vel = this.vel.map(() => 0);
      return;
    }
    const next = cur.map((x, i) => {
      const [v, vel] = smoothDamp(x, to[i], this.vel[i], SMOOTH_TIME, dt);
      this.vel[i] = vel;
      return v;
    });
    this.apply(() => model.setCamera(unflat(next), 'api'));
  }

  dispose(): void {
    this.view?.off();
    this.view = null;
  }

  private sharedPoint(exhibitId: string): string | null {
    return this.shared?.exhibitId === exhibitId ? this.shared.infoPointId : null;
  }

  private apply(fn: () => void) {
    this.applying = true;
    try {
      fn();
    } finally {
      this.applying = false;
    }
  }
}
