import type { Bounds, InfoPoint, ModelCamera } from '@protocol';
import { boundingSphere, easeInOut, fromOrbit, homeCamera, interpolateCamera, pointCamera, toOrbit, type Vec3 } from './orbitCamera.ts';

/** What moved the camera or changed the point: a session host broadcasts 'user' and 'point' changes, not its own 'api' ones. */
export type ExhibitChangeSource = 'user' | 'api' | 'flight' | 'point';

export interface ExhibitChange {
  camera: ModelCamera;
  activeInfoPoint: string | null;
  flying: boolean;
  source: ExhibitChangeSource;
}

export interface ExhibitControllerOptions {
  bounds: Bounds;
  infoPoints: readonly InfoPoint[];
  /** Viewport width / height (the home view fits the narrower side); setAspect follows resizes. */
  aspect?: number;
  /** Flight length in ms when flyTo names none; 0 jumps (prefers-reduced-motion). */
  flightMs?: number;
  /** The clock flights run on (ms); tests pass a fake one. */
  now?: () => number;
}

interface Flight {
  from: ModelCamera;
  to: ModelCamera;
  start: number;
  ms: number;
}

const ORBIT_STEP = 10;
const TILT_STEP = 6;
const ZOOM_STEP = 0.85;

/**
 * The orbit camera on one exhibit, without React or three: where the camera is, eased
 * flights that the user can interrupt, the framed home view, the info point that is open,
 * and the viewer's keys. The R3F layer (client/scene/ExhibitScene.tsx) copies `camera()` to
 * its three camera after every change and reports the user's drags with `setCamera(c, 'user')`;
 * a docent session reads the same two things (`camera()`, `activeInfoPoint`) and sets them
 * (`flyTo` / `setCamera`, `setActiveInfoPoint`) on its viewers.
 */
export class ExhibitController {
  readonly infoPoints: readonly InfoPoint[];
  readonly bounds: Bounds;
  /** Closest and farthest the camera may orbit (model units), from the model's size. */
  readonly minDistance: number;
  readonly maxDistance: number;
  private aspect: number;
  private readonly flightMs: number;
  private readonly now: () => number;
  private current: ModelCamera;
  private flight: Flight | null = null;
  private active: string | null = null;
  /** Still at the home view it started with: a new aspect re-frames it. */
  private atHome = true;
  private readonly listeners = new Set<(c: ExhibitChange) => void>();

  constructor(opts: ExhibitControllerOptions) {
    this.bounds = opts.bounds;
    this.infoPoints = opts.infoPoints;
    this.aspect = opts.aspect ?? 1;
    this.flightMs = opts.flightMs ?? 900;
    this.now = opts.now ?? (() => performance.now());
    const { radius } = boundingSphere(opts.bounds);
    this.minDistance = radius * 0.12;
    this.maxDistance = radius * 8;
    this.current = this.home();
  }

  // ------------------------------------------------------------ camera

  /** The camera now (mid-flight: where the flight has got to). A copy: changing it changes nothing. */
  camera(): ModelCamera {
    return copy(this.current);
  }

  /** Puts the camera at `c` at once, ending any flight. */
  setCamera(c: ModelCamera, source: 'user' | 'api' = 'api'): void {
    this.flight = null;
    this.atHome = false;
    this.current = copy(c);
    this.emit(source);
  }

  /** Flies the camera to `c` over `ms` (eased); a later flyTo, setCamera or a user's drag ends it where it is. */
  flyTo(c: ModelCamera, ms = this.flightMs): void {
    if (ms <= 0) return this.setCamera(c);
    this.atHome = false;
    this.flight = { from: this.camera(), to: copy(c), start: this.now(), ms };
    this.emit('api');
  }

  get flying(): boolean {
    return this.flight !== null;
  }

  /** The user took hold of the camera: a flight stops where it is. */
  interrupt(): void {
    if (!this.flight) return;
    this.flight = null;
    this.emit('user');
  }

  /** Advances a flight to `now`; the render loop calls it each frame. True while flying. */
  tick(now = this.now()): boolean {
    const f = this.flight;
    if (!f) return false;
    const t = (now - f.start) / f.ms;
    if (t >= 1) {
      this.flight = null;
      this.current = copy(f.to);
    } else this.current = interpolateCamera(f.from, f.to, easeInOut(t));
    this.emit('flight');
    return this.flight !== null;
  }

  /** The framed whole model for the current aspect. */
  home(): ModelCamera {
    return homeCamera(this.bounds, this.aspect);
  }

  /** Flies home. */
  reset(ms?: number): void {
    this.flyTo(this.home(), ms);
  }

  /** The viewport's width / height: the home view and framed points fit it. A camera nobody has moved yet is re-framed. */
  setAspect(aspect: number): void {
    if (!(aspect > 0 && Number.isFinite(aspect)) || aspect === this.aspect) return;
    this.aspect = aspect;
    if (!this.atHome) return;
    this.current = this.home();
    this.emit('api');
  }

  /** The camera an info point is seen from: its own, else along its normal at a distance that fits the model. */
  frameInfoPoint(p: InfoPoint): ModelCamera {
    return p.camera ? copy(p.camera) : pointCamera(this.bounds, p.position, p.normal, this.aspect, this.current.fov);
  }

  /** Turns round the target (degrees right) and tilts (degrees up), within the limits. */
  orbit(dAzimuth: number, dElevation: number): void {
    const o = toOrbit(this.current);
    o.azimuth += dAzimuth;
    o.elevation = Math.max(-85, Math.min(85, o.elevation + dElevation));
    this.setCamera(fromOrbit(o), 'user');
  }

  /** Moves the camera towards the target (factor < 1) or away (> 1), within the limits. */
  zoom(factor: number): void {
    const o = toOrbit(this.current);
    o.distance = Math.max(this.minDistance, Math.min(this.maxDistance, o.distance * factor));
    this.setCamera(fromOrbit(o), 'user');
  }

  // ------------------------------------------------------------ info points

  /** The id of the info point that is open, or null. */
  get activeInfoPoint(): string | null {
    return this.active;
  }

  /**
   * Opens an info point (null closes it) and, with `fly`, flies to it. False for an id the
   * exhibit does not have (nothing changes).
   */
  setActiveInfoPoint(id: string | null, fly = true): boolean {
    const p = id === null ? null : this.infoPoints.find((q) => q.id === id);
    if (id !== null && !p) return false;
    this.active = id;
    if (p && fly) {
      const to = this.frameInfoPoint(p);
      this.atHome = false;
      if (this.flightMs > 0) this.flight = { from: this.camera(), to, start: this.now(), ms: this.flightMs };
      else [this.flight, this.current] = [null, to];
    }
    this.emit('point');
    return true;
  }

  // ------------------------------------------------------------ keys

  /**
   * The viewer's keys: arrows orbit, + and − zoom, Home or 0 reset, 1–9 open that info
   * point. True when the key was the viewer's (the caller then prevents its default).
   */
  handleKey(key: string): boolean {
    switch (key) {
      case 'ArrowLeft':
        this.orbit(-ORBIT_STEP, 0);
        return true;
      case 'ArrowRight':
        this.orbit(ORBIT_STEP, 0);
        return true;
      case 'ArrowUp':
        this.orbit(0, TILT_STEP);
        return true;
      case 'ArrowDown':
        this.orbit(0, -TILT_STEP);
        return true;
      case '+':
      case '=':
        this.zoom(ZOOM_STEP);
        return true;
      case '-':
      case '_':
        this.zoom(1 / ZOOM_STEP);
        return true;
      case 'Home':
      case '0':
        this.reset();
        return true;
    }
    if (/^[1-9]$/.test(key)) {
      const p = this.infoPoints[Number(key) - 1];
      return p ? this.setActiveInfoPoint(p.id) : false;
    }
    return false;
  }

  // ------------------------------------------------------------ listeners

  /** Called after every change of the camera or the open point; returns its unsubscribe. */
  onChange(listener: (c: ExhibitChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Drops every listener and any flight. */
  dispose(): void {
    this.listeners.clear();
    this.flight = null;
  }

  private emit(source: ExhibitChangeSource) {
    const change: ExhibitChange = { camera: this.camera(), activeInfoPoint: this.active, flying: this.flying, source };
    for (const l of [...this.listeners]) l(change);
  }
}

function copy(c: ModelCamera): ModelCamera {
  const out: ModelCamera = { position: [...c.position] as Vec3, target: [...c.target] as Vec3 };
  if (c.fov !== undefined) out.fov = c.fov;
  return out;
}
