import * as THREE from 'three';
import { normaliseYaw, type Tour, type View } from '@protocol';
import { applyCameraPose, cameraPoseOf } from './dollhouseCamera.ts';
import { flightInto, flightOut, type CameraPose, type Flight, type Vec3 } from './dollhouseFlight.ts';
import { frameBounds } from './dollhouseFraming.ts';
import { dollhouseMarkers, type DollhouseMarker } from './dollhouseMarkers.ts';
import { loadDollhouseModel, type DollhouseModel } from './dollhouseModel.ts';
import { MeasureTape } from './measureTape.ts';
import { verticalFov } from './viewMath.ts';

export type DollhouseStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DollhouseState {
  status: DollhouseStatus;
  error: string | null;
  /** 'out' while leaving a room for the overview, 'in' while diving into one, else null (orbiting). */
  flight: 'in' | 'out' | null;
  /** The room being flown into. */
  flightTarget: string | null;
  measuring: boolean;
  tape: MeasureTape<[number, number, number]>;
}

export type DollhouseFrameListener = (camera: THREE.PerspectiveCamera, widthCss: number, heightCss: number) => void;

/** Vertical field of view of the overview camera (deg). */
export const OVERVIEW_FOV = 45;

interface ActiveFlight {
  kind: 'in' | 'out';
  flight: Flight;
  elapsed: number;
  sceneId?: string;
  view?: View;
}

/**
 * The dollhouse without React: loads the model, knows the room markers, flies the camera
 * out of a room to the overview and into a room, and keeps the measuring tape. The R3F
 * layer calls `tick` each frame; the overlay subscribes to state and to frames.
 */
export class DollhouseController {
  readonly markers: DollhouseMarker[];
  model: DollhouseModel | null = null;
  /** Orbit centre; the R3F layer keeps it in step with its controls. */
  orbitTarget: Vec3 | null = null;
  private orbitPose: CameraPose | null = null;
  private state: DollhouseState = { status: 'idle', error: null, flight: null, flightTarget: null, measuring: false, tape: new MeasureTape() };
  private loading: Promise<DollhouseModel> | null = null;
  private readonly abort = new AbortController();
  private active: ActiveFlight | null = null;
  private pendingOpen: CameraPose | null = null;
  private pendingInto: string | null = null;
  private readonly stateListeners = new Set<() => void>();
  private readonly frameListeners = new Set<DollhouseFrameListener>();
  private readonly departListeners = new Set<(sceneId: string, view: View) => void>();
  private readonly arriveListeners = new Set<(sceneId: string) => void>();
  private readonly raycaster = new THREE.Raycaster();
  private readonly v = new THREE.Vector3();

  constructor(
    readonly tour: Tour,
    readonly url: string,
  ) {
    this.markers = dollhouseMarkers(tour.scenes, tour.floorPlan);
  }

  // ---------------------------------------------------------------- state for React

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  getState = (): DollhouseState => this.state;

  private set(patch: Partial<DollhouseState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.stateListeners) l();
  }

  // ---------------------------------------------------------------- model

  /** Fetches the model once; later calls share the same promise. */
  load(): Promise<DollhouseModel> {
    if (this.loading) return this.loading;
    this.set({ status: 'loading', error: null });
    this.loading = loadDollhouseModel(this.url, this.abort.signal).then(
      (m) => {
        this.model = m;
        this.set({ status: 'ready' });
        return m;
      },
      (e: unknown) => {
        this.loading = null;
        if (!this.abort.signal.aborted) this.set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
        throw e;
      },
    );
    return this.loading;
  }

  // ---------------------------------------------------------------- flights

  /** Starts the flight from a room's eye (`from`, e.g. the panorama's pose) out to the overview. */
  open(from: CameraPose) {
    this.pendingOpen = from;
    this.pendingInto = null;
    // Flying from now on, not from the next frame: nothing may act on a "ready" in between.
    this.set({ flight: 'out', flightTarget: null });
  }

  /** Starts the flight into a room; the tour switches to its panorama on arrival. False if it cannot (unknown room, already flying). */
  flyTo(sceneId: string): boolean {
    // One flight at a time: a request while flying (out or in) is dropped.
    if (!this.markers.some((m) => m.sceneId === sceneId) || this.flying) return false;
    this.pendingInto = sceneId;
    this.set({ flight: 'in', flightTarget: sceneId, measuring: false });
    return true;
  }

  /** Called as the flight into a room starts, with the panorama view it will end in. */
  onDepart(listener: (sceneId: string, view: View) => void): () => void {
    this.departListeners.add(listener);
    return () => this.departListeners.delete(listener);
  }

  /** Called when the camera has reached a room's eye point. */
  onArrive(listener: (sceneId: string) => void): () => void {
    this.arriveListeners.add(listener);
    return () => this.arriveListeners.delete(listener);
  }

  get flying(): boolean {
    return this.active !== null || this.pendingOpen !== null || this.pendingInto !== null;
  }

  /** The overview for this viewport: the remembered orbit if there is one, else the whole model framed. */
  overview(aspect: number): { pose: CameraPose; target: Vec3 } {
    if (this.orbitPose && this.orbitTarget) return { pose: { ...this.orbitPose, fov: OVERVIEW_FOV }, target: this.orbitTarget };
    const b = this.model?.bounds;
    const bounds = b && !b.isEmpty() ? { min: b.min, max: b.max } : { min: { x: 0, y: 0, z: 0 }, max: { x: 10, y: 2.5, z: 10 } };
    // A phone held upright: the plan's long side along the screen's height, seen more from above,
    // so the model fills the screen rather than a quarter of it (a wide flat seen from the south did).
    const wide = bounds.max.x - bounds.min.x > bounds.max.z - bounds.min.z;
    const f = frameBounds(bounds, aspect < 0.8 ? { fov: OVERVIEW_FOV, aspect, azimuth: wide ? 285 : 195, elevation: 65, margin: 0.9 } : { fov: OVERVIEW_FOV, aspect });
    return { pose: f.pose, target: f.target };
  }

  /** The panorama view a flight into `sceneId` ends in, for a pose's compass yaw. */
  private arrivalView(sceneId: string, yaw: number): View {
    const scene = this.tour.scenes.find((s) => s.id === sceneId)!;
    return { yaw: normaliseYaw(yaw + scene.north), pitch: 0, fov: scene.initialView.fov };
  }

  /** Panorama yaw/pitch/fov and room → the pose of its camera in the model (compass yaw). */
  panoramaPose(sceneId: string, view: View, aspect: number): CameraPose {
    const scene = this.tour.scenes.find((s) => s.id === sceneId);
    const m = this.markers.find((k) => k.sceneId === sceneId);
    return {
      position: m ? { ...m.eye } : { x: 0, y: 1.6, z: 0 },
      yaw: normaliseYaw(view.yaw - (scene?.north ?? 0)),
      pitch: view.pitch,
      fov: verticalFov(view.fov, aspect),
    };
  }

  /** The view the flight in progress will hand to the panorama (for prefetching its tiles). */
  get arrival(): { sceneId: string; view: View } | null {
    return this.active?.kind === 'in' && this.active.sceneId && this.active.view ? { sceneId: this.active.sceneId, view: this.active.view } : null;
  }

  /** One frame: starts requested flights, moves the camera along the current one, tells the overlay. */
  tick(camera: THREE.PerspectiveCamera, dt: number, widthCss: number, heightCss: number) {
    const aspect = widthCss / Math.max(1, heightCss);
    const runningBefore = this.active;
    if (this.pendingOpen && this.model) {
      const { pose, target } = this.overview(aspect);
      this.orbitTarget = target;
      this.active = { kind: 'out', flight: flightOut(this.pendingOpen, pose), elapsed: 0 };
      this.pendingOpen = null;
      this.set({ flight: 'out', flightTarget: null });
    }
    if (this.pendingInto && !this.active) {
      const sceneId = this.pendingInto;
      this.pendingInto = null;
      const marker = this.markers.find((m) => m.sceneId === sceneId)!;
      const scene = this.tour.scenes.find((s) => s.id === sceneId)!;
      const from = cameraPoseOf(camera);
      if (!this.active) this.orbitPose = from;
      const flight = flightInto(from, marker.eye, { fov: verticalFov(scene.initialView.fov, aspect), room: marker.room });
      const view = this.arrivalView(sceneId, flight.to.yaw);
      this.active = { kind: 'in', flight, elapsed: 0, sceneId, view };
      this.set({ flight: 'in', flightTarget: sceneId, measuring: false });
      for (const l of this.departListeners) l(sceneId, view);
    }
    const a = this.active;
    if (a) {
      // A flight's first frame shows where it starts (that frame may be slow: first draw of the model).
      if (a === runningBefore) a.elapsed += dt;
      applyCameraPose(camera, a.flight.at(a.elapsed));
      if (a.elapsed >= a.flight.duration) {
        this.active = null;
        this.set({ flight: null, flightTarget: null });
        if (a.kind === 'in' && a.sceneId) for (const l of this.arriveListeners) l(a.sceneId);
      }
    }
    camera.updateMatrixWorld();
    for (const l of this.frameListeners) l(camera, widthCss, heightCss);
  }

  /** Per-frame hook for overlays that follow the model (marker buttons, the tape's label). */
  onFrame(listener: DollhouseFrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Screen position (CSS px) of a model point, and whether it is in front of the camera and on screen. */
  project(p: Vec3, camera: THREE.PerspectiveCamera, widthCss: number, heightCss: number): { x: number; y: number; visible: boolean } {
    this.v.set(p.x, p.y, p.z).project(camera);
    const visible = this.v.z > -1 && this.v.z < 1 && Math.abs(this.v.x) <= 1 && Math.abs(this.v.y) <= 1;
    return { x: ((this.v.x + 1) / 2) * widthCss, y: ((1 - this.v.y) / 2) * heightCss, visible };
  }

  // ---------------------------------------------------------------- measuring

  setMeasuring(on: boolean) {
    this.set({ measuring: on, tape: on ? this.state.tape : new MeasureTape() });
  }

  clearMeasure() {
    this.set({ tape: new MeasureTape() });
  }

  /** The first solid surface of the model under a viewport point (NDC); glass is looked through. */
  pick(ndcX: number, ndcY: number, camera: THREE.Camera): Vec3 | null {
    if (!this.model) return null;
    this.raycaster.setFromCamera(new THREE.Vector2(ndcX, ndcY), camera);
    for (const hit of this.raycaster.intersectObject(this.model.root, true)) {
      const mat = (hit.object as THREE.Mesh).material as THREE.Material;
      if (mat.transparent && mat.opacity < 0.5) continue;
      return { x: hit.point.x, y: hit.point.y, z: hit.point.z };
    }
    return null;
  }

  /** A click on the model while measuring: adds the surface point under it to the tape. */
  measureAt(ndcX: number, ndcY: number, camera: THREE.Camera): Vec3 | null {
    if (!this.state.measuring || this.flying) return null;
    const p = this.pick(ndcX, ndcY, camera);
    if (p) this.set({ tape: this.state.tape.add([p.x, p.y, p.z]) });
    return p;
  }

  /** Forgets an unfinished flight (the dollhouse was closed mid-way). */
  cancelFlights() {
    this.active = null;
    this.pendingOpen = this.pendingInto = null;
    if (this.state.flight) this.set({ flight: null, flightTarget: null });
  }

  dispose() {
    this.abort.abort();
    this.model?.dispose();
    this.model = null;
    this.stateListeners.clear();
    this.frameListeners.clear();
    this.departListeners.clear();
    this.arriveListeners.clear();
  }
}
