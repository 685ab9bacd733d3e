import type * as THREE from 'three';
import { GpuFence } from './GpuFence.ts';
import { RenderGate } from './RenderGate.ts';
import { shaderWarmUp } from './ScenePanorama.ts';

/** Drawing starts by then even if the background compile never reports back. */
export const COMPILE_WAIT_MS = 1500;

/** What the presenter asks of three's renderer (a fake one in unit tests). */
export type PresenterRenderer = Pick<THREE.WebGLRenderer, 'render' | 'getContext' | 'compileAsync' | 'domElement'>;

/** The canvas's size as R3F reports it: CSS pixels and the device pixel ratio. */
export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

/**
 * Decides, each frame, whether the panorama's frame is drawn, and records what the canvas
 * shows (`drawn`). A frame is drawn only when something on it changed (RenderGate); the
 * first waits for the panorama's shaders, compiled in the background (compiled inside the
 * first frame they hold the main thread long enough to be a hitch for someone who starts
 * dragging at once), and a frame apart from the first view's uploads (on software WebGL the
 * uploads and the first full-screen draw together make one long frame, apart two short
 * ones). While the canvas is hidden under a first paint (`covered`), a frame is drawn only
 * once the last is done on the GPU (GpuFence), and `drawn` means done there. A headset
 * draws every frame.
 */
export class CanvasPresenter<S> {
  /** The status as of the last frame actually drawn (frames with nothing new are not drawn). */
  drawn: S | null = null;
  /** The canvas is hidden under a tour link's first paint (client/boot): its frames are not shown yet, so they are drawn one at a time. */
  covered = false;
  private gate = new RenderGate();
  private fence = new GpuFence<S>();
  private compiled = false;
  /** The first uploads have had their frame: tiles streaming in one a frame must not keep postponing the first draw. */
  private splitFirst = false;
  /** Counts attachments: a compile started for an earlier canvas does not count for this one. */
  private attachment = 0;

  /**
   * @param status what the engine shows now (read after its update, each frame)
   * @param uploadsLastFrame how many textures went to the GPU in this frame's update
   */
  constructor(
    private readonly status: () => S,
    private readonly uploadsLastFrame: () => number,
  ) {}

  /**
   * Binds a renderer (a canvas mounting the panorama): the first draw waits for the shaders
   * again, a restored context redraws, a lost one drops its fence. Returns the unbinding.
   */
  attach(renderer: PresenterRenderer): () => void {
    this.attachment++;
    this.gate = new RenderGate();
    this.fence = new GpuFence<S>();
    this.compiled = false;
    this.splitFirst = false;
    const canvas = renderer.domElement;
    const gate = this.gate;
    const fence = this.fence;
    const redraw = () => gate.invalidate();
    // Its sync object is gone with the context and would never signal, which would stop a covered canvas drawing for good.
    const lost = () => fence.forget();
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', redraw);
    return () => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', redraw);
      fence.clear(renderer.getContext() as WebGL2RenderingContext);
    };
  }

  /**
   * Compiles the panorama's shaders in the background for this camera and scene; drawing
   * starts once they are done or after COMPILE_WAIT_MS. Returns the disposal: the stand-in
   * is kept until then, because the renderer frees a program with the last material using
   * it, and the fade's transparent variant is otherwise unused until the first room switch.
   * Call after attach.
   */
  warmUp(renderer: PresenterRenderer, camera: THREE.Camera, scene: THREE.Scene): () => void {
    const warm = shaderWarmUp();
    const attachment = this.attachment;
    const finish = () => {
      if (attachment === this.attachment) this.compiled = true;
    };
    const timer = setTimeout(finish, COMPILE_WAIT_MS);
    renderer.compileAsync(warm.object, camera, scene).then(finish, finish).finally(() => clearTimeout(timer));
    return () => {
      clearTimeout(timer);
      warm.dispose();
    };
  }

  /** Call each frame after the engine's update: draws the frame if it should. Returns whether it drew. */
  present(renderer: PresenterRenderer, scene: THREE.Scene, camera: THREE.PerspectiveCamera, size: CanvasSize, inXr: boolean): boolean {
    const firstUploads = !this.drawn && !this.splitFirst && this.uploadsLastFrame() > 0;
    if (firstUploads) this.splitFirst = true;
    const ctx = renderer.getContext() as WebGL2RenderingContext;
    const done = this.fence.poll(ctx);
    if (done) this.drawn = done;
    const covered = this.covered && !inXr;
    if (covered && this.fence.pending) return false;
    if (!inXr && !(this.compiled && !firstUploads && this.gate.shouldRender(scene, camera, size.width, size.height, size.dpr))) return false;
    renderer.render(scene, camera);
    if (covered) this.fence.set(ctx, this.status());
    else {
      this.fence.clear(ctx);
      this.drawn = this.status();
    }
    return true;
  }
}
