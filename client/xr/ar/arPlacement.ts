/**
 * The AR placement state machine, without WebXR or React: the binding feeds it one frame at a
 * time (is the device tracked, where does the centre ray hit a surface) and the taps.
 *
 *   searching ──hit──▶ surface ──select──▶ placed
 *       ▲  ◀─no hit (grace)─┘                 │
 *       └──────────── lost ◀── not tracked ───┘ (from any phase; back to where it was)
 */

/** A pose in the session's reference space: position and orientation (x, y, z, w). */
export interface ArPose {
  position: [number, number, number];
  orientation: [number, number, number, number];
}

export type ArPhase = 'searching' | 'surface' | 'placed' | 'lost';

export interface ArPlacementOptions {
  /** Tracking must be gone this long before we say so: one dropped frame is not "lost". */
  lostAfterMs?: number;
  /** How long the reticle survives frames without a hit (hit tests flicker on an edge). */
  hitGraceMs?: number;
}

export interface ArFrameInput {
  /** False when the viewer pose is missing or only estimated (emulatedPosition). */
  tracked: boolean;
  /** Where the centre ray meets a real surface this frame, or null. */
  hit: ArPose | null;
}

export interface ArPlacementSnapshot {
  phase: ArPhase;
  /** The reticle's pose while a surface is under it (shown also after placing, to place more). */
  reticle: ArPose | null;
  placedCount: number;
  /** When the current phase began (ms, the binding's clock). */
  since: number;
  /** When tracking last came back, for a short "tracking is back" note; null if it never went. */
  recoveredAt: number | null;
}

export class ArPlacement {
  private phase: ArPhase = 'searching';
  private since: number;
  private reticle: ArPose | null = null;
  private lastHitAt = -Infinity;
  private untrackedSince: number | null = null;
  private placedCount = 0;
  private recoveredAt: number | null = null;
  private readonly lostAfterMs: number;
  private readonly hitGraceMs: number;
  private readonly listeners = new Set<(s: ArPlacementSnapshot) => void>();

  constructor(now: number, opts: ArPlacementOptions = {}) {
    this.since = now;
    this.lostAfterMs = opts.lostAfterMs ?? 300;
    this.hitGraceMs = opts.hitGraceMs ?? 400;
  }

  get snapshot(): ArPlacementSnapshot {
    return { phase: this.phase, reticle: this.reticle, placedCount: this.placedCount, since: this.since, recoveredAt: this.recoveredAt };
  }

  /** Called on every phase change; returns the unsubscribe. */
  onChange(l: (s: ArPlacementSnapshot) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** One XR frame. */
  frame(now: number, input: ArFrameInput): void {
    if (!input.tracked) {
      this.untrackedSince ??= now;
      if (this.phase !== 'lost' && now - this.untrackedSince >= this.lostAfterMs) {
        this.reticle = null;
        this.set('lost', now);
      }
      return;
    }
    this.untrackedSince = null;
    if (this.phase === 'lost') {
      this.recoveredAt = now;
      this.set(this.placedCount > 0 ? 'placed' : 'searching', now);
    }
    if (input.hit) {
      this.reticle = input.hit;
      this.lastHitAt = now;
      if (this.phase === 'searching') this.set('surface', now);
    } else if (now - this.lastHitAt > this.hitGraceMs) {
      this.reticle = null;
      if (this.phase === 'surface') this.set('searching', now);
    }
  }

  /**
   * A tap that hit no model or info point: the pose to place a model at (the reticle's), or
   * null when there is no surface under the reticle or tracking is lost.
   */
  select(now: number): ArPose | null {
    if (this.phase === 'lost' || !this.reticle) return null;
    this.placedCount++;
    if (this.phase !== 'placed') this.set('placed', now);
    return this.reticle;
  }

  /** A placed model was removed (the visitor cleared it). */
  removed(now: number): void {
    this.placedCount = Math.max(0, this.placedCount - 1);
    if (this.placedCount === 0 && this.phase === 'placed') this.set(this.reticle ? 'surface' : 'searching', now);
  }

  private set(phase: ArPhase, now: number) {
    this.phase = phase;
    this.since = now;
    const s = this.snapshot;
    for (const l of this.listeners) l(s);
  }
}
