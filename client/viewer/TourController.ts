import type * as THREE from 'three';
import { normaliseYaw, type Scene, type Tour, type View } from '@protocol';
import { PanoramaViewer } from './PanoramaViewer.ts';
import { ViewController } from './ViewController.ts';
import { knownDecodableFormats, tourForBrowser } from './decodableFormats.ts';

/** Until detection has answered, only what every browser decodes. */
const SAFE_FORMATS: ReadonlySet<Scene['tileFormat']> = new Set(['jpg', 'webp']);

export type FrameListener = (camera: THREE.PerspectiveCamera, widthCss: number, heightCss: number) => void;

/**
 * One person's walk through a tour, without React: which room, which view, and the
 * panorama engine that draws it. Pages and the XR layer call goTo; the canvas calls frame.
 */
export class TourController {
  readonly viewer: PanoramaViewer;
  readonly view: ViewController;
  /** The tour with each scene's URLs in a format this browser decodes. */
  readonly tour: Tour;
  scene: Scene;
  private readonly sceneListeners = new Set<(s: Scene) => void>();
  private readonly frameListeners = new Set<FrameListener>();

  constructor(
    tour: Tour,
    start: { sceneId?: string; view?: Partial<View> } = {},
    viewer = new PanoramaViewer(),
    formats: ReadonlySet<Scene['tileFormat']> = knownDecodableFormats() ?? SAFE_FORMATS,
  ) {
    this.tour = tourForBrowser(tour, formats);
    this.viewer = viewer;
    this.scene = this.sceneById(start.sceneId ?? tour.startScene) ?? tour.scenes[0];
    this.view = new ViewController({ ...this.scene.initialView, ...start.view });
    this.viewer.setScene(this.scene, this.neighbours(this.scene));
  }

  sceneById(id: string): Scene | undefined {
    return this.tour.scenes.find((s) => s.id === id);
  }

  /** Rooms one hotspot away: their previews are prefetched. */
  neighbours(scene: Scene): Scene[] {
    const ids = new Set(scene.hotspots.flatMap((h) => (h.kind === 'scene' ? [h.target] : [])));
    return this.tour.scenes.filter((s) => ids.has(s.id));
  }

  /**
   * Walks to a room. With `view`, looks there (deep link, guide); without, keeps facing the
   * same compass direction, as if you had walked through the door; else the room's default.
   */
  goTo(sceneId: string, view?: Partial<View>, keepHeading = false): boolean {
    const next = this.sceneById(sceneId);
    if (!next) return false;
    if (next.id !== this.scene.id) {
      const from = this.scene;
      this.scene = next;
      this.viewer.setScene(next, this.neighbours(next));
      if (view) this.view.setView({ ...this.view.view, ...view });
      else if (keepHeading) {
        const heading = this.view.view.yaw - from.north;
        this.view.setView({ ...this.view.view, yaw: normaliseYaw(heading + next.north), pitch: 0 });
      } else this.view.setView(next.initialView);
      for (const l of this.sceneListeners) l(next);
    } else if (view) this.view.setView({ ...this.view.view, ...view });
    return true;
  }

  onScene(listener: (s: Scene) => void): () => void {
    this.sceneListeners.add(listener);
    return () => this.sceneListeners.delete(listener);
  }

  /** Per-frame hooks for overlays that follow the camera (hotspot buttons, compass, minimap cone). */
  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Compass heading of the current view (deg clockwise from north). */
  heading(yaw = this.view.view.yaw): number {
    return normaliseYaw(yaw - this.scene.north);
  }

  frame(camera: THREE.PerspectiveCamera, renderer: THREE.WebGLRenderer, widthCss: number, heightCss: number, dpr: number, dt: number) {
    this.view.tick(dt);
    this.viewer.update(camera, renderer, heightCss * dpr);
    for (const l of this.frameListeners) l(camera, widthCss, heightCss);
  }

  dispose() {
    this.viewer.dispose();
    this.view.dispose();
    this.sceneListeners.clear();
    this.frameListeners.clear();
  }
}
