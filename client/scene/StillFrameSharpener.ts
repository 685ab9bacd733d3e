/** Unchanged frames (~50 ms) before the still picture is redrawn sharpened: not between two tiles arriving. */
export const SHARPEN_AFTER_QUIET_FRAMES = 3;
/**
 * Only screens this dense are sharpened. There the browser upscales the link's first paint
 * better than bilinear (JFK at DPR 2: the paint 41.0 dB, bilinear WebGL 39.7, cubic 40.7), so
 * bilinear was a step down at the handoff. At DPR 1 it draws the paint bilinear too: WebGL
 * matches it, and a cubic pass would sharpen the room visibly a second after it appeared
 * (measured on the demo living room: +0.8 dB, the bench's "sharp" 0.5 → 1.45 s).
 */
export const SHARPEN_MIN_DPR = 1.5;

/**
 * Decides, frame by frame, when a still panorama is drawn once more with the cubic sampler
 * (panoramaShader's PANORAMA_SHARPEN): once per stillness, after a few unchanged frames, on
 * a visible canvas of a dense screen. Motion, fades and arriving tiles keep the cheap filter.
 */
export class StillFrameSharpener {
  private quiet = 0;

  /** `changed`: this frame is drawn anyway (RenderGate). True when this frame should be drawn sharpened. */
  next(changed: boolean, opts: { visible: boolean; dpr: number }): boolean {
    if (changed) {
      this.quiet = 0;
      return false;
    }
    if (!opts.visible || opts.dpr < SHARPEN_MIN_DPR) return false;
    return ++this.quiet === SHARPEN_AFTER_QUIET_FRAMES;
  }
}
