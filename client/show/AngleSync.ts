/**
 * Holds follower angles on the main angle's clock. Plain maths, no DOM: the show player feeds it
 * one reading per angle per tick and applies the answers (a playback rate, or a seek).
 *
 * Every angle's playlist carries EXT-X-PROGRAM-DATE-TIME from one clock, so the picture on screen
 * has a program date (ms since the epoch). An angle whose encoder lags shows its frame stamped
 * `t + offsetMs` beside the others' `t`, so its aligned time is `programDate − offsetMs`. The main
 * angle is the reference (it plays at rate 1, so its sound is never pitched); a follower a little
 * off is nudged by its playback rate (it is muted, so nobody hears it), one far off is seeked.
 */

/** One angle's state at the tick. */
export interface SyncReading {
  /** Program date of the picture on screen, ms since the epoch (null before the first fragment). */
  programMs: number | null;
  /** The host's per-angle offset, ms (positive: this camera's pictures arrive late). */
  offsetMs: number;
  /** Playing and not seeking: a reading worth acting on. */
  ready: boolean;
}

export type SyncAction = { kind: 'rate'; rate: number } | { kind: 'seek'; bySeconds: number };

export interface AngleSyncOptions {
  /** Largest rate change either way (0.08 → 0.92…1.08). Followers are muted, so this is inaudible. */
  maxRateDelta: number;
  /** Rate change per second of error (1: 100 ms behind → +10 %, a 40 ms slip gone in about a second), clamped to maxRateDelta. */
  gain: number;
  /** Start nudging when the smoothed error passes this, ms. */
  engageMs: number;
  /** Stop nudging when the smoothed error falls under this, ms (hysteresis: no hunting around zero). */
  releaseMs: number;
  /** A follower further off than this is seeked, ms (a rate nudge would take too long). */
  seekAboveMs: number;
  /** Readings after a seek are ignored for this long, ms (the element is still settling). */
  settleMs: number;
  /** Weight of a new reading in the smoothed error (readings are noisy by a frame or so). */
  smoothing: number;
}

export const DEFAULT_SYNC: AngleSyncOptions = {
  maxRateDelta: 0.08,
  gain: 1,
  engageMs: 20,
  releaseMs: 8,
  seekAboveMs: 1000,
  settleMs: 700,
  smoothing: 0.25,
};

interface FollowerState {
  smoothed: number | null;
  correcting: boolean;
  lastSeekAt: number;
  /** How far ahead of the target a seek aims (a seek takes time while the main plays on), ms; learned. */
  seekLeadMs: number;
  learnLead: boolean;
  /** Consecutive readings beyond seekAboveMs (one stray reading never causes a seek). */
  farCount: number;
}

/** Aligned stream time of a reading (the picture's program date less the angle's offset), or null. */
export function alignedMs(r: SyncReading): number | null {
  return r.programMs == null ? null : r.programMs - r.offsetMs;
}

export class AngleSync {
  readonly options: AngleSyncOptions;
  private followers = new Map<string, FollowerState>();
  /** Last raw errors (follower behind main, ms) per angle, for the figures a benchmark prints. */
  readonly lastError = new Map<string, number>();

  constructor(options: Partial<AngleSyncOptions> = {}) {
    this.options = { ...DEFAULT_SYNC, ...options };
  }

  /** Forget a follower's history (it became main, went offline, or was seeked by someone else). */
  reset(id: string): void {
    this.followers.delete(id);
    this.lastError.delete(id);
  }

  /**
   * One tick: what each follower should do. `now` is a monotonic clock in ms (performance.now()).
   * A follower that cannot be compared (main or follower not ready) is told rate 1.
   */
  update(now: number, main: SyncReading, followers: ReadonlyMap<string, SyncReading>): Map<string, SyncAction> {
    const o = this.options;
    const out = new Map<string, SyncAction>();
    const target = main.ready ? alignedMs(main) : null;
    for (const [id, r] of followers) {
      let s = this.followers.get(id);
      if (!s) this.followers.set(id, (s = { smoothed: null, correcting: false, lastSeekAt: -Infinity, seekLeadMs: 150, learnLead: false, farCount: 0 }));
      const at = r.ready ? alignedMs(r) : null;
      if (target == null || at == null) {
        s.smoothed = null;
        s.correcting = false;
        s.farCount = 0;
        this.lastError.delete(id);
        out.set(id, { kind: 'rate', rate: 1 });
        continue;
      }
      if (now - s.lastSeekAt < o.settleMs) {
        this.lastError.delete(id);
        out.set(id, { kind: 'rate', rate: 1 });
        continue;
      }
      const err = target - at; // > 0: the follower shows an older picture than the main
      this.lastError.set(id, err);
      if (s.learnLead) {
        // The first settled reading after a seek says how much the seek itself cost.
        s.learnLead = false;
        if (Math.abs(err) < o.seekAboveMs) s.seekLeadMs = Math.min(1000, Math.max(0, s.seekLeadMs + 0.7 * err));
      }
      if (Math.abs(err) > o.seekAboveMs) {
        if (++s.farCount >= 2) {
          s.farCount = 0;
          s.smoothed = null;
          s.correcting = false;
          s.lastSeekAt = now;
          s.learnLead = true;
          out.set(id, { kind: 'seek', bySeconds: (err + Math.sign(err) * s.seekLeadMs) / 1000 });
        } else out.set(id, { kind: 'rate', rate: 1 });
        continue;
      }
      s.farCount = 0;
      s.smoothed = s.smoothed == null ? err : s.smoothed + o.smoothing * (err - s.smoothed);
      const e = s.smoothed;
      if (!s.correcting && Math.abs(e) > o.engageMs) s.correcting = true;
      else if (s.correcting && Math.abs(e) < o.releaseMs) s.correcting = false;
      if (!s.correcting) {
        out.set(id, { kind: 'rate', rate: 1 });
        continue;
      }
      const delta = Math.max(-o.maxRateDelta, Math.min(o.maxRateDelta, (o.gain * e) / 1000));
      // Quantised so noise of a millisecond does not rewrite playbackRate every tick.
      out.set(id, { kind: 'rate', rate: Math.round((1 + delta) * 1000) / 1000 });
    }
    for (const id of this.followers.keys()) if (!followers.has(id)) this.reset(id);
    return out;
  }
}
