import { Group, PerspectiveCamera } from 'three';
import type { View } from '@protocol';
import type { FrameListener } from '../viewer/TourController.ts';

/**
 * The tour of a museum without halls, as a guided session sees it: one room that is never
 * shown (the session's `room`, NO_HALL_ROOM on the server), a view that stays put, and a frame
 * clock of its own so the driver still follows the lead and sends poses. It has the members of
 * TourController the session overlay uses; nothing walks anywhere (`goTo` refuses).
 */
export class NoHallTour {
  readonly scene: { id: string };
  readonly viewer = { root: new Group() };
  private current: View = { yaw: 0, pitch: 0, fov: 75 };
  private readonly frames = new Set<FrameListener>();
  private readonly camera = new PerspectiveCamera(75, 1, 0.1, 1000);
  private raf = 0;

  readonly view: { readonly view: View; setView(v: View, ms?: number): void; onChange(l: (v: View, byUser: boolean) => void): () => void };

  /** `view`: a view that is shown after all (a show's 360° angle): the lead's poses and a follower's steering go through it. */
  constructor(roomId: string, view?: NoHallTour['view']) {
    this.scene = { id: roomId };
    const read = () => this.current;
    this.view = view ?? {
      get view() {
        return read();
      },
      setView: (v) => {
        this.current = { ...v };
      },
      // Nobody drags a view that is never shown.
      onChange: () => () => {},
    };
  }

  goTo(_sceneId: string, _view?: Partial<View>, _keepHeading?: boolean): boolean {
    return false;
  }

  onScene(_l: (s: { id: string }) => void): () => void {
    return () => {};
  }

  /** Called every animation frame while someone listens (the session driver's clock). */
  onFrame(listener: FrameListener): () => void {
    this.frames.add(listener);
    if (!this.raf) this.raf = requestAnimationFrame(this.tick);
    return () => {
      this.frames.delete(listener);
      if (this.frames.size === 0 && this.raf) {
        cancelAnimationFrame(this.raf);
        this.raf = 0;
      }
    };
  }

  dispose(): void {
    this.frames.clear();
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  private tick = () => {
    this.raf = requestAnimationFrame(this.tick);
    const w = window.innerWidth;
    const h = window.innerHeight;
    for (const l of [...this.frames]) l(this.camera, w, h);
  };
}
