import type { EraFrame, EraTimeline } from './EraTimeline.ts';

/**
 * Plays an EraTimeline against a clock: play, pause, jump to an era, replay. `frame(now)` is
 * what the binding reads each frame. Starts before the first era (all era nodes hidden).
 */
export class EraPlayer {
  /** Timeline time at `anchorNow`; with `playing`, it advances with the clock. */
  private t = -1;
  private anchorNow = 0;
  playing = false;

  constructor(readonly timeline: EraTimeline) {}

  time(now: number): number {
    const t = this.playing ? this.t + (now - this.anchorNow) : this.t;
    if (this.playing && t >= this.timeline.duration) {
      // Stop at the end with everything standing and the last caption up.
      this.playing = false;
      this.t = this.timeline.duration;
      return this.t;
    }
    return t;
  }

  /** Plays from where it is; from the start when it had finished. */
  play(now: number): void {
    const t = this.time(now);
    this.t = t >= this.timeline.duration || t < 0 ? 0 : t;
    this.anchorNow = now;
    this.playing = true;
  }

  pause(now: number): void {
    this.t = this.time(now);
    this.playing = false;
  }

  /** Shows era `i` risen (all earlier ones too) and holds there. */
  showEra(i: number, now: number): void {
    const n = this.timeline.eras.length;
    const k = Math.min(n - 1, Math.max(0, i));
    this.t = this.timeline.startOf(k) + this.timeline.riseMs;
    this.anchorNow = now;
    this.playing = false;
  }

  /** Everything standing, no animation (the table as the museum shows it today). */
  showAll(): void {
    this.t = this.timeline.duration;
    this.playing = false;
  }

  frame(now: number): EraFrame {
    return this.timeline.at(this.time(now));
  }
}
