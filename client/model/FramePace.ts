/**
 * Whether this device keeps up with rendering the model while it moves: the gaps between
 * rendered frames, smoothed, against the shortest gap seen (the display's own interval, or
 * near it). A phone or a software renderer drawing a heavy model at full resolution falls
 * behind: then the scene renders at a lower resolution while the camera moves and at full
 * resolution again once it rests, as model-viewer does, instead of stuttering.
 */
export class FramePace {
  private last = -Infinity;
  private smoothed = 0;
  private best = Infinity;

  /** A rendered frame at `now` (ms); true when frames are coming too slowly. */
  frame(now: number): boolean {
    const gap = now - this.last;
    this.last = now;
    // The first frame after a rest says nothing about the pace.
    if (gap > 250) {
      this.smoothed = 0;
      return false;
    }
    // No display refreshes faster than 240 Hz: a shorter gap is two renders in one frame.
    this.best = Math.min(this.best, Math.max(gap, 1000 / 240));
    this.smoothed = this.smoothed === 0 ? gap : this.smoothed * 0.7 + gap * 0.3;
    return this.smoothed > this.best * 1.6;
  }
}
