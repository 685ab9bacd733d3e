import { normaliseYaw, type View } from '@protocol';
import { yawDelta } from '../viewer/viewMath.ts';
import { smoothDamp } from './smoothDamp.ts';

/** What a follower needs of the tour (TourController fits; tests pass a fake). */
export interface FollowTour {
  readonly scene: { id: string };
  readonly view: {
    readonly view: View;
    setView(v: View, ms?: number): void;
    onChange(listener: (v: View, byUser: boolean) => void): () => void;
  };
  goTo(sceneId: string, view?: Partial<View>, keepHeading?: boolean): boolean;
  onScene(listener: (s: { id: string }) => void): () => void;
}

/** The lead's camera as the pose lane (or the state lane's room change) tells it. */
export interface FollowTarget {
  sceneId: string;
  yaw: number;
  pitch: number;
  fov: number;
  /** The lead wears a headset: their head moves all the time; show an arrow instead of turning. */
  vr: boolean;
  /** Server time of the news (pose `t` or delta `at`): older news never overrides newer. */
  t: number;
}

/** Why following changed: the person dragged, walked on their own, tapped Follow, or the lead passed to someone else. */
export type FollowCause = 'drag' | 'walk' | 'button' | 'lead';

/** About how long the camera trails the lead (s): smooths 20 Hz steps without feeling late. */
const SMOOTH_TIME = 0.12;
/** Close enough to stop moving (degrees). */
const SETTLE = 0.01;

/**
 * Follow mode without React. A follower's camera glides after the lead's pose with a
 * critically damped spring each frame (interpolated: no steps, no overshoot, no jitter); room
 * changes are immediate. Any view change the person makes themselves — drag, keys, wheel,
 * gyro, walking through a door — stops following; `follow()` brings them back.
 * In a headset the view is never turned (only rooms change); the UI shows an arrow instead.
 */
export class FollowController {
  following: boolean;
  /** This person leads: nothing to follow. */
  leading = false;
  /** This person wears a headset: never rotate their view. */
  inVr = false;
  target: FollowTarget | null = null;
  private vel = { yaw: 0, pitch: 0, fov: 0 };
  /** Our own setView/goTo calls: the view listeners must not take them for the person's. */
  private applying = false;
  private readonly listeners = new Set<(following: boolean, cause: FollowCause) => void>();
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly tour: FollowTour,
    opts: { following: boolean; leading?: boolean; target?: FollowTarget | null },
  ) {
    this.following = opts.following;
    this.leading = opts.leading ?? false;
    this.target = opts.target ?? null;
    this.offs.push(
      tour.view.onChange((_v, byUser) => {
        if (this.applying || this.leading || !this.following) return;
        // byUser is a drag, key, wheel or pinch; anything else that is not us (gyro, focusing a hotspot) is the person too.
        void byUser;
        this.setFollowing(false, 'drag');
      }),
      tour.onScene((s) => {
        if (this.applying || this.leading || !this.following) return;
        if (this.target && s.id !== this.target.sceneId) this.setFollowing(false, 'walk');
      }),
    );
  }

  /** Listens for following turning on or off (to tell the server and redraw the button). */
  onChange(listener: (following: boolean, cause: FollowCause) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The lead's latest pose. A pose in another room takes everyone there at once. */
  setTarget(t: FollowTarget): void {
    if (this.target && t.t < this.target.t) return;
    this.target = t;
    if (!this.leading && t.sceneId !== this.tour.scene.id) this.walkToTarget();
  }

  /** A new lead (or a fresh snapshot): forget what the previous one did; their news is not comparable. */
  resetTarget(t: FollowTarget | null): void {
    this.target = null;
    if (t) this.setTarget(t);
  }

  /** The state lane's room change (sequenced). Ignored when a newer pose already says where the lead is. */
  setRoom(sceneId: string, view: View, at: number): void {
    if (this.target && this.target.t > at) return;
    this.setTarget({ sceneId, ...view, vr: this.target?.vr ?? false, t: at });
  }

  /** The "Follow" button: back to the lead's room and view. */
  follow(): void {
    if (this.leading) return;
    this.setFollowing(true, 'button');
    if (this.target && this.target.sceneId !== this.tour.scene.id) this.walkToTarget();
  }

  /** The person looks on their own somewhere this controller does not watch (an exhibit's 3D view): following stops. */
  stop(cause: FollowCause = 'drag'): void {
    if (this.leading || !this.following) return;
    this.setFollowing(false, cause);
  }

  /** Taking or losing the lead. Losing it means following again. */
  setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    this.vel = { yaw: 0, pitch: 0, fov: 0 };
    if (!leading) {
      this.setFollowing(true, 'lead');
      if (this.target && this.target.sceneId !== this.tour.scene.id) this.walkToTarget();
    }
  }

  /** True when the view is being turned towards the lead now (not in VR, not after a VR lead). */
  get steering(): boolean {
    return !this.leading && this.following && !this.inVr && !!this.target && !this.target.vr && this.target.sceneId === this.tour.scene.id;
  }

  /** Call every frame. */
  tick(dtSeconds: number): void {
    if (!this.steering) {
      this.vel = { yaw: 0, pitch: 0, fov: 0 };
      return;
    }
    const dt = Math.min(Math.max(dtSeconds, 0), 0.1);
    const t = this.target!;
    const cur = this.tour.view.view;
    const dy = yawDelta(cur.yaw, t.yaw);
    if (Math.abs(dy) < SETTLE && Math.abs(t.pitch - cur.pitch) < SETTLE && Math.abs(t.fov - cur.fov) < SETTLE) {
      this.vel = { yaw: 0, pitch: 0, fov: 0 };
      return;
    }
    // Yaw is unwrapped around the current value, so the spring takes the short way round.
    const [yaw, vy] = smoothDamp(cur.yaw, cur.yaw + dy, this.vel.yaw, SMOOTH_TIME, dt);
    const [pitch, vp] = smoothDamp(cur.pitch, t.pitch, this.vel.pitch, SMOOTH_TIME, dt);
    const [fov, vf] = smoothDamp(cur.fov, t.fov, this.vel.fov, SMOOTH_TIME, dt);
    this.vel = { yaw: vy, pitch: vp, fov: vf };
    this.apply(() => this.tour.view.setView({ yaw: normaliseYaw(yaw), pitch, fov }));
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.listeners.clear();
  }

  private walkToTarget() {
    const t = this.target!;
    this.vel = { yaw: 0, pitch: 0, fov: 0 };
    // Landing in the new room looking where the lead looks (a headset keeps its own gaze anyway).
    this.apply(() => this.tour.goTo(t.sceneId, { yaw: t.yaw, pitch: t.pitch, fov: t.fov }));
  }

  private apply(fn: () => void) {
    this.applying = true;
    try {
      fn();
    } finally {
      this.applying = false;
    }
  }

  private setFollowing(on: boolean, cause: FollowCause) {
    if (this.following === on && cause !== 'button') return;
    this.following = on;
    this.vel = { yaw: 0, pitch: 0, fov: 0 };
    for (const l of this.listeners) l(on, cause);
  }
}
