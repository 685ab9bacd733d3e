import * as THREE from 'three';
import type { Scene } from '@protocol';
import { CanvasPresenter } from './CanvasPresenter.ts';
import { ScenePanorama, type PanoramaStatus } from './ScenePanorama.ts';
import { TextureStore, type TextureStoreOptions } from './TextureStore.ts';
import { viewFrameFromCamera } from './viewFrame.ts';

/**
 * The room being left fades out over the next room's preview: from this opacity, so the
 * next room is what the first frame after the click shows (a dissolve, not a wait), over
 * this long. With reduced motion asked for, a cut.
 */
const FADE_FROM = 0.2;
const FADE_MS = 200;
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export interface ViewerStatus extends PanoramaStatus {
  sceneId: string | null;
  /** 0..1: the share of the visible tiles of the chosen level that are drawn. */
  progress: number;
}

/** Uploads per frame while the camera moves (see update). */
const MOVING_UPLOADS_PER_FRAME = 1;

/**
 * A phone gets a smaller GPU budget than a laptop; both are far below what a full sphere at
 * top level takes. Six in flight is what a browser opens to one host over HTTP/1.1: a whole
 * 1280×720 first view (six tiles) in one round trip.
 */
export function defaultStoreOptions(): TextureStoreOptions {
  const mobile = typeof navigator !== 'undefined' && /Mobi|Android|iPhone|iPad/.test(navigator.userAgent);
  return { gpuBudgetBytes: (mobile ? 96 : 192) * 1024 * 1024, maxInFlight: 6, uploadsPerFrame: 8, uploadMsPerFrame: 6 };
}

/**
 * The panorama engine without React: owns the texture store, the current room and the one
 * being left, and each frame picks, fetches, uploads and draws tiles for the camera.
 */
export class PanoramaViewer {
  readonly root = new THREE.Group();
  readonly store: TextureStore;
  private current: ScenePanorama | null = null;
  private leaving: ScenePanorama | null = null;
  private fadeStart = 0;
  private neighbours: Scene[] = [];
  private neighboursFetched = false;
  /** Whether any room has been sharp yet: until then nothing is on screen to stutter. */
  private everSharp = false;
  status: ViewerStatus = { sceneId: null, level: 0, visible: 0, ready: 0, sharp: false, previewReady: false, progress: 0 };
  private readonly listeners = new Set<(s: ViewerStatus) => void>();
  /** When the canvas draws a frame, and what it has drawn (`canvas.drawn`) or hides under a first paint (`canvas.covered`). */
  readonly canvas = new CanvasPresenter<ViewerStatus>(
    () => this.status,
    () => this.store.uploadsLastFrame,
  );
  /** The camera's orientation and FOV at the last update: a change means the view is moving. */
  private readonly lastPose = new THREE.Quaternion(NaN, NaN, NaN, NaN);
  private lastFov = NaN;
  /** performance.now() when the current room first showed its preview and first became sharp (benchmarks read these). */
  marks: { sceneId: string | null; setAt: number; previewAt: number | null; sharpAt: number | null } = { sceneId: null, setAt: 0, previewAt: null, sharpAt: null };

  constructor(opts: TextureStoreOptions = defaultStoreOptions()) {
    this.store = new TextureStore(opts);
    this.root.name = 'panorama';
  }

  get sceneId(): string | null {
    return this.current?.scene.id ?? null;
  }

  /**
   * Shows a room. The room being left stays on top until the new room's preview is on the
   * GPU, then fades out: the switch never shows an empty frame.
   */
  setScene(scene: Scene, neighbours: Scene[] = []): void {
    if (this.current?.scene.id === scene.id) return;
    if (this.leaving) this.leaving.dispose();
    this.leaving = this.current;
    this.fadeStart = 0;
    this.store.adoptPrefetched(new Set([scene.previewUrl]));
    this.current = new ScenePanorama(scene, this.store);
    this.marks = { sceneId: scene.id, setAt: performance.now(), previewAt: null, sharpAt: null };
    this.root.add(this.current.group);
    this.neighbours = neighbours;
    // The previews of the rooms one click away are prefetched once this room is sharp (see
    // update): before that they would only compete with the tiles someone is waiting for.
    this.neighboursFetched = false;
    const keep = new Set([scene.previewUrl, ...neighbours.map((n) => n.previewUrl)]);
    if (this.leaving) keep.add(this.leaving.scene.previewUrl);
    this.store.retainPreviews(keep);
  }

  /** Call once per frame with the camera that is about to render. */
  update(camera: THREE.PerspectiveCamera, renderer: THREE.WebGLRenderer | null, viewportDeviceHeight: number, now = performance.now()): void {
    // Until the tour's first view is sharp there is no motion to keep smooth: the whole
    // first view (prefetched by the page) goes up in the first frame, not two tiles a frame —
    // unless a first paint already shows it (covered), and someone may be dragging already.
    const moving = !this.lastPose.equals(camera.quaternion) || this.lastFov !== camera.fov;
    this.lastPose.copy(camera.quaternion);
    this.lastFov = camera.fov;
    // While the view moves, one upload a frame: the main thread's budget does not see what an
    // upload costs the GPU, and several in one frame make it miss refreshes; a hole meanwhile
    // shows the preview, cheaply.
    this.store.upload(renderer, !this.everSharp && !this.canvas.covered, moving ? MOVING_UPLOADS_PER_FRAME : undefined);
    camera.getWorldPosition(this.root.position); // centred on the eye: reads as infinitely far
    if (!this.current) return;
    const frame = viewFrameFromCamera(camera, viewportDeviceHeight);
    const drawn = this.current.update(frame, true);
    if (this.leaving) {
      for (const url of this.leaving.update(frame, false)) drawn.add(url);
      if (this.current.previewReady) {
        if (!this.fadeStart) this.fadeStart = now;
        const t = reducedMotion() ? 1 : (now - this.fadeStart) / FADE_MS;
        if (t >= 1) {
          this.leaving.dispose();
          this.leaving = null;
          const keep = new Set([this.current.scene.previewUrl, ...this.neighbours.map((n) => n.previewUrl)]);
          this.store.retainPreviews(keep);
        } else this.leaving.setOpacity(FADE_FROM * (1 - t));
      }
    }
    this.store.tiles.trim((url) => drawn.has(url));
    const s = this.current.status;
    const next: ViewerStatus = {
      ...s,
      sceneId: this.current.scene.id,
      progress: s.visible === 0 ? (s.previewReady ? 1 : 0) : (s.previewReady ? 0.2 : 0) + (0.8 * s.ready) / s.visible,
    };
    const changed = next.sceneId !== this.status.sceneId || next.ready !== this.status.ready || next.visible !== this.status.visible || next.level !== this.status.level || next.previewReady !== this.status.previewReady || next.sharp !== this.status.sharp;
    this.status = next;
    if (next.previewReady && this.marks.previewAt === null) this.marks.previewAt = now;
    if (next.sharp && this.marks.sharpAt === null) this.marks.sharpAt = now;
    if (next.sharp) this.everSharp = true;
    if (next.sharp && !this.neighboursFetched) {
      this.neighboursFetched = true;
      for (const n of this.neighbours) this.store.preview(n.previewUrl).catch(() => {});
    }
    if (changed) for (const l of this.listeners) l(next);
  }

  onStatus(listener: (s: ViewerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.leaving?.dispose();
    this.current?.dispose();
    this.leaving = this.current = null;
    this.store.dispose();
    this.listeners.clear();
    this.root.removeFromParent();
  }
}
