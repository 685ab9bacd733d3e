import { readFrameStamp } from '../../../server/demo/demoShowSchema.ts';
import type { StampSample } from './liveProbe.ts';

export interface DriftFigures {
  /** |follower − main| in loop time, ms, one per follower per main frame. */
  drifts: number[];
  /** Frames whose stamp did not read (reference block not white). */
  unread: number;
  frames: number;
}

/** A follower's frame older than this at the main's frame is not used (it stalled; nothing to compare). */
const STALE_MS = 120;

/**
 * Inter-angle drift from the burned-in stamps: at each frame the main angle presents, every
 * other angle's picture on screen is its last presented frame, advanced by the time since it
 * went up; both are loop times (frame ÷ fps), and their difference is taken around the loop.
 */
export function driftFromStamps(samples: StampSample[], opts: { fps: number; loopFrames: number }): DriftFigures {
  const period = (opts.loopFrames * 1000) / opts.fps;
  let unread = 0;
  const read = samples
    .map((s) => {
      const frame = readFrameStamp(s.luma);
      if (frame == null || frame >= opts.loopFrames) unread++;
      return { ...s, loopMs: frame == null || frame >= opts.loopFrames ? null : (frame * 1000) / opts.fps };
    })
    .sort((a, b) => a.t - b.t);
  const last = new Map<string, { t: number; loopMs: number }>();
  const drifts: number[] = [];
  for (const s of read) {
    if (s.loopMs == null) continue;
    if (!s.main) {
      last.set(s.angle, { t: s.t, loopMs: s.loopMs });
      continue;
    }
    for (const [angle, f] of last) {
      if (angle === s.angle || s.t - f.t > STALE_MS) continue;
      let d = (f.loopMs + (s.t - f.t) - s.loopMs) % period;
      if (d > period / 2) d -= period;
      if (d < -period / 2) d += period;
      drifts.push(Math.abs(d));
    }
  }
  return { drifts, unread, frames: samples.length };
}

/** The q-quantile (0–1) of a list, nearest rank; NaN when empty. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
