import type { Angle } from '@protocol';
import { AnglePlayer, type AngleStatus } from './AnglePlayer.ts';
import { AngleSync, type SyncReading } from './AngleSync.ts';

/** Spotlight: one angle big, the others as thumbnails. Mosaic: all angles the same size. */
export type ShowLayout = 'spotlight' | 'mosaic';

/** How often the sync compares the angles, ms (a frame or two of error at most between looks). */
const SYNC_EVERY_MS = 100;

export interface ShowPlayerState {
  main: string;
  layout: ShowLayout;
  /** Sound on for the main angle (browsers start muted; a click turns it on). */
  sound: boolean;
  statuses: ReadonlyMap<string, AngleStatus>;
}

/**
 * The whole show on one page: every angle plays at once (muted), held on one clock by the
 * program date of its pictures, so a switch only changes which picture is big and where the
 * sound comes from — no reload, no black frame, no audio gap.
 *
 * The view gives each angle a tile element (attachTile); the player puts the angle's <video>
 * in it once and from then on only sets `data-role` on the tiles and `data-layout` on the
 * root, which the stylesheet turns into the layout. Moving video elements around the DOM could
 * cost a frame; changing an attribute does not.
 */
export class ShowPlayer {
  readonly angles: readonly Angle[];
  readonly players = new Map<string, AnglePlayer>();
  readonly sync = new AngleSync();
  private readonly tiles = new Map<string, HTMLElement>();
  private root: HTMLElement | null = null;
  private mainId: string;
  private layoutValue: ShowLayout = 'spotlight';
  private soundOn = false;
  private readonly listeners = new Set<(s: ShowPlayerState) => void>();
  private readonly offs: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Recent |drift| samples per follower (ms), the last minute's worth, for the figures tests and benchmarks read. */
  readonly drift = new Map<string, number[]>();

  constructor(angles: readonly Angle[], opts: { main?: string } = {}) {
    if (angles.length === 0) throw new Error('Vantage: a show needs at least one angle — add one in the host console.');
    this.angles = angles;
    this.mainId = angles.some((a) => a.id === opts.main) ? opts.main! : angles[0].id;
    for (const a of angles) {
      const p = new AnglePlayer({ id: a.id, playlistUrl: a.playlistUrl, role: a.id === this.mainId ? 'main' : 'thumb' });
      this.players.set(a.id, p);
      this.offs.push(
        p.onStatus((s) => {
          if (s !== 'playing') this.sync.reset(a.id);
          this.emit();
        }),
      );
    }
    this.timer = setInterval(() => this.tick(), SYNC_EVERY_MS);
  }

  get state(): ShowPlayerState {
    return {
      main: this.mainId,
      layout: this.layoutValue,
      sound: this.soundOn,
      statuses: new Map([...this.players].map(([id, p]) => [id, p.status])),
    };
  }

  get main(): string {
    return this.mainId;
  }

  /** Subscribe to changes (main, layout, sound, an angle's status); returns the unsubscribe. */
  onChange(fn: (s: ShowPlayerState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The element whose data-layout the stylesheet reads. */
  attachRoot(el: HTMLElement): () => void {
    this.root = el;
    el.dataset.layout = this.layoutValue;
    return () => {
      if (this.root === el) this.root = null;
    };
  }

  /** Put an angle's video in its tile (once; the element is never moved after). */
  attachTile(id: string, el: HTMLElement): () => void {
    const p = this.players.get(id);
    if (!p) return () => {};
    this.tiles.set(id, el);
    el.dataset.role = id === this.mainId ? 'main' : 'thumb';
    el.prepend(p.video);
    void p.play();
    return () => {
      if (this.tiles.get(id) === el) this.tiles.delete(id);
    };
  }

  /**
   * Make `id` the big angle, at once: every angle already plays, so this swaps the tiles' roles
   * and moves the sound in the same task (unmute the new main, then mute the old: no gap).
   */
  switchTo(id: string): void {
    const next = this.players.get(id);
    if (!next || id === this.mainId) return;
    const prev = this.players.get(this.mainId)!;
    const prevTile = this.tiles.get(this.mainId);
    const nextTile = this.tiles.get(id);
    // The new main is the clock from now on: its own rate goes back to 1 (its sound is never pitched).
    next.setRate(1);
    this.sync.reset(id);
    if (this.soundOn) next.setMuted(false);
    prev.setMuted(true);
    if (nextTile) nextTile.dataset.role = 'main';
    if (prevTile) prevTile.dataset.role = 'thumb';
    this.mainId = id;
    next.setRole('main');
    prev.setRole('thumb');
    this.emit();
  }

  setLayout(layout: ShowLayout): void {
    if (layout === this.layoutValue) return;
    this.layoutValue = layout;
    if (this.root) this.root.dataset.layout = layout;
    this.emit();
  }

  /** Sound on or off for the main angle; call from a click (browsers refuse sound before one). */
  setSound(on: boolean): void {
    this.soundOn = on;
    const main = this.players.get(this.mainId)!;
    main.setMuted(!on);
    if (on) for (const p of this.players.values()) void p.play();
    this.emit();
  }

  /**
   * On a replay (a recording: the main angle's video has a finite length), where it is: seconds
   * into it, its length, paused or not, and the stream time on screen. Null while live.
   */
  replayPosition(): { at: number; duration: number; paused: boolean; streamMs: number | null } | null {
    const main = this.players.get(this.mainId);
    const v = main?.video;
    if (!main || !v || !Number.isFinite(v.duration) || v.duration <= 0) return null;
    return { at: v.currentTime, duration: v.duration, paused: v.paused, streamMs: main.programMs() };
  }

  /**
   * A replay's scrubber: every angle to `seconds` (less its offset: the angles' recordings share
   * segment times), then the sync holds them together as it does live.
   */
  seek(seconds: number): void {
    const offsets = new Map(this.angles.map((a) => [a.id, a.offsetMs]));
    const mainOffset = offsets.get(this.mainId) ?? 0;
    for (const [id, p] of this.players) {
      this.sync.reset(id);
      p.seekTo(seconds + ((offsets.get(id) ?? 0) - mainOffset) / 1000);
    }
    this.emit();
  }

  /** Pause or resume every angle together (a replay; live angles are never paused). */
  setPaused(paused: boolean): void {
    for (const p of this.players.values()) {
      if (paused) p.pause();
      else void p.play();
    }
    this.emit();
  }

  /** p50 / p95 of |drift| over the recent samples of every follower, ms (null before any). */
  driftFigures(): { p50: number; p95: number; samples: number } | null {
    const all = [...this.drift.values()].flat().sort((a, b) => a - b);
    if (all.length === 0) return null;
    return { p50: all[Math.floor(all.length * 0.5)], p95: all[Math.floor(all.length * 0.95)], samples: all.length };
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const off of this.offs) off();
    for (const p of this.players.values()) p.dispose();
    this.players.clear();
    this.tiles.clear();
    this.listeners.clear();
    this.root = null;
  }

  private reading(p: AnglePlayer, offsetMs: number): SyncReading {
    return { programMs: p.programMs(), offsetMs, ready: p.ready };
  }

  private tick(): void {
    const offsets = new Map(this.angles.map((a) => [a.id, a.offsetMs]));
    const main = this.players.get(this.mainId);
    if (!main) return;
    const followers = new Map<string, SyncReading>();
    for (const [id, p] of this.players) if (id !== this.mainId) followers.set(id, this.reading(p, offsets.get(id) ?? 0));
    const actions = this.sync.update(performance.now(), this.reading(main, offsets.get(this.mainId) ?? 0), followers);
    for (const [id, a] of actions) {
      const p = this.players.get(id)!;
      if (a.kind === 'seek') p.seekBy(a.bySeconds);
      else p.setRate(a.rate);
      const err = this.sync.lastError.get(id);
      if (err != null && followers.get(id)?.ready) {
        const list = this.drift.get(id) ?? [];
        list.push(Math.abs(err));
        if (list.length > 600) list.shift();
        this.drift.set(id, list);
      }
    }
  }

  private emit(): void {
    const s = this.state;
    for (const fn of this.listeners) fn(s);
  }
}
