import type { Era } from '@protocol';

export interface EraTimelineOptions {
  /** How long one era's buildings take to rise (ms). */
  riseMs?: number;
  /** How long an era holds, caption up, before the next begins (ms). */
  holdMs?: number;
}

/** The sand table at one moment of the timeline. */
export interface EraFrame {
  /** The era whose caption shows: −1 before the first has begun. */
  eraIndex: number;
  era: Era | null;
  /** Per node name: 0 hidden, 1 standing; eased in between. Every node any era names is here. */
  rise: Map<string, number>;
  /** A light sweeping over the site while an era rises: 0 (west edge) → 1 (east edge), null off. */
  sweep: number | null;
  done: boolean;
}

const easeOutCubic = (x: number) => 1 - (1 - x) ** 3;

/**
 * The era-by-era rise of a site model, as a pure function of time: every node an era names is
 * hidden at first, then each era in year order raises its nodes (staggered, eased) under its
 * caption. A node named by several eras stands from the first of them.
 */
export class EraTimeline {
  readonly eras: Era[];
  /** Node name → the index (in `eras`) of the era it rises in. */
  readonly eraOfNode = new Map<string, number>();
  /** Each era's nodes in rising order. */
  private readonly nodesOfEra: string[][];
  readonly riseMs: number;
  readonly holdMs: number;

  constructor(eras: readonly Era[], opts: EraTimelineOptions = {}) {
    this.eras = [...eras].sort((a, b) => a.year - b.year);
    this.riseMs = opts.riseMs ?? 1600;
    this.holdMs = opts.holdMs ?? 1800;
    this.nodesOfEra = this.eras.map((era, i) => {
      const own: string[] = [];
      for (const n of era.nodes) {
        if (this.eraOfNode.has(n)) continue;
        this.eraOfNode.set(n, i);
        own.push(n);
      }
      return own;
    });
  }

  get stepMs(): number {
    return this.riseMs + this.holdMs;
  }

  /** Until the last era has risen and held. */
  get duration(): number {
    return this.eras.length * this.stepMs;
  }

  /** When era `i` begins rising. */
  startOf(i: number): number {
    return i * this.stepMs;
  }

  /** The table `t` ms after the timeline began (t < 0: nothing has risen yet). */
  at(t: number): EraFrame {
    const rise = new Map<string, number>();
    const step = this.stepMs;
    const eraIndex = t < 0 ? -1 : Math.min(this.eras.length - 1, Math.floor(t / step));
    // The first half of the rise window is spread over the nodes, so they come up one after another.
    const stagger = this.riseMs * 0.5;
    const each = this.riseMs - stagger;
    this.nodesOfEra.forEach((nodes, i) => {
      const local = t - this.startOf(i);
      nodes.forEach((n, j) => {
        const begin = nodes.length > 1 ? (stagger * j) / (nodes.length - 1) : 0;
        const x = Math.min(1, Math.max(0, (local - begin) / each));
        rise.set(n, easeOutCubic(x));
      });
    });
    const local = eraIndex >= 0 ? t - this.startOf(eraIndex) : -1;
    const sweep = local >= 0 && local <= this.riseMs ? local / this.riseMs : null;
    return { eraIndex, era: this.eras[eraIndex] ?? null, rise, sweep, done: t >= this.duration };
  }
}
