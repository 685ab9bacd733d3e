import type { PanoramaViewer } from './PanoramaViewer.ts';

/** Animation-frame callbacks: the browser's, or a test's. */
export interface FrameClock {
  request(callback: () => void): number;
  cancel(id: number): void;
}

const animationFrames: FrameClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
};

/**
 * Hands a canvas hidden under a tour link's first paint over to WebGL. Constructing it
 * covers the canvas (the viewer then draws one GPU-finished frame at a time); `watch` waits
 * until WebGL has drawn the view sharp — or, once the view or room changed (which the paint
 * cannot follow), the room at all — and uncovers one frame later, when that frame has been
 * presented: never an undrawn canvas. It never outlasts `maxMs`: a viewer that cannot get
 * sharp still shows what it has.
 */
export class CoverHandoff {
  /** What WebGL must have drawn before the paint goes: the view sharp, or (once the view or room moved) anything of the room. */
  private want: 'sharp' | 'room' | null = null;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly offs: (() => void)[] = [];
  private uncover: () => void = () => {};
  private ended = false;

  constructor(
    private readonly viewer: Pick<PanoramaViewer, 'canvas' | 'sceneId' | 'onStatus'>,
    private readonly frames: FrameClock = animationFrames,
  ) {
    viewer.canvas.covered = true;
  }

  /**
   * Starts watching. `moved` subscribes to the changes the paint cannot follow (the view,
   * the room); `uncover` runs once, as the canvas shows — the caller removes the paint there.
   */
  watch(moved: ((listener: () => void) => () => void)[], maxMs: number, uncover: () => void): void {
    this.uncover = uncover;
    this.timer = setTimeout(() => this.end(), maxMs);
    this.offs.push(
      this.viewer.onStatus((s) => s.sharp && this.leave('sharp')),
      ...moved.map((on) => on(() => this.leave('room'))),
    );
  }

  /** Uncovers now (the tour is leaving, or the handoff is done); later calls do nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.frames.cancel(this.frame);
    clearTimeout(this.timer);
    for (const off of this.offs) off();
    this.viewer.canvas.covered = false;
    this.uncover();
  }

  private leave(want: 'sharp' | 'room'): void {
    if (this.want !== 'room') this.want = want;
    if (!this.frame) this.frame = this.frames.request(this.check);
  }

  /** Checked every frame until the canvas has drawn what is wanted; one frame more, and that frame has been presented. */
  private readonly check = (): void => {
    const d = this.viewer.canvas.drawn;
    const ok = d && d.sceneId === this.viewer.sceneId && (this.want === 'room' ? d.previewReady : d.sharp);
    this.frame = this.frames.request(ok ? () => this.end() : this.check);
  };
}
