import { PANORAMA_MODE, type TourMode } from '@protocol';

/** Who changed the mode: the person on this screen, or a guided session's lead being followed. */
export type TourModeCause = 'user' | 'follow';

/**
 * The tour's mode besides its rooms — the dollhouse over the panorama, the floor plan open —
 * kept outside React so a guided session can share it: the lead's changes go to the group, a
 * follower's tour opens and closes as the lead's does. TourView draws it and opens the
 * dollhouse (its code and model load first: `opener`, then `opened`).
 */
export class TourModes {
  private mode: TourMode = { ...PANORAMA_MODE };
  /** The view last asked for: a dollhouse still loading that was closed meanwhile does not open. */
  private wanted: TourMode['view'] = 'panorama';
  private readonly subs = new Set<() => void>();
  private readonly listeners = new Set<(mode: TourMode, cause: TourModeCause) => void>();
  /** Set by TourView: loads the dollhouse, then calls `opened(cause)`; null where there is none. */
  opener: ((cause: TourModeCause) => void) | null = null;

  /** The mode drawn now (for useSyncExternalStore: a new object only on a change). */
  readonly get = (): TourMode => this.mode;

  readonly subscribe = (l: () => void): (() => void) => {
    this.subs.add(l);
    return () => this.subs.delete(l);
  };

  /** Listens for changes with their cause (a session tells the group, or stops following). */
  onChange(l: (mode: TourMode, cause: TourModeCause) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Asks for the panorama or the dollhouse (the dollhouse opens once loaded; nothing happens without one). */
  request(view: TourMode['view'], cause: TourModeCause = 'user'): void {
    this.wanted = view;
    if (view === 'panorama') this.set({ view }, cause);
    else if (this.mode.view !== 'dollhouse') this.opener?.(cause);
  }

  /** TourView: the dollhouse asked for has loaded. */
  opened(cause: TourModeCause): void {
    if (this.wanted === 'dollhouse') this.set({ view: 'dollhouse' }, cause);
  }

  setPlan(plan: boolean, cause: TourModeCause = 'user'): void {
    this.set({ plan }, cause);
  }

  /** Takes on a lead's mode (a follower's tour). */
  follow(target: TourMode): void {
    this.setPlan(target.plan, 'follow');
    this.request(target.view, 'follow');
  }

  dispose(): void {
    this.subs.clear();
    this.listeners.clear();
    this.opener = null;
  }

  private set(next: Partial<TourMode>, cause: TourModeCause) {
    const mode = { ...this.mode, ...next };
    if (mode.view === this.mode.view && mode.plan === this.mode.plan) return;
    this.mode = mode;
    for (const l of this.subs) l();
    for (const l of this.listeners) l(mode, cause);
  }
}
