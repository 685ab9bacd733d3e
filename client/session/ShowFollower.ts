import type { SessionShow } from '@protocol';

/** What the follower needs of the show player (client/show/ShowPlayer fits; tests pass a fake). */
export interface FollowShowPlayer {
  readonly main: string;
  readonly players: ReadonlyMap<string, { programMs(): number | null; seekBy(seconds: number): void; readonly ready: boolean }>;
  switchTo(id: string): void;
}

/**
 * How far (ms) a follower's picture may sit from the host's before it seeks. Below it the
 * follower is left alone: a seek costs a rebuffer, and a live edge a few hundred ms apart is
 * not a different moment to a watcher. The angles among themselves are held far tighter by
 * the player's own AngleSync.
 */
export const SHOW_FOLLOW_BUDGET_MS = 300;
/** After a seek, let the picture settle this long before judging it again (no seek loops). */
const SETTLE_MS = 2000;

/**
 * The director's cut on a viewer's screen, without React: while following, the player shows
 * the host's angle and its picture is held within SHOW_FOLLOW_BUDGET_MS of the host's stream
 * time (the host's `streamTime` at server time `at`, moved on by the time since). Picking one's
 * own angle stops following (the caller tells the server); `snapBack()` returns to the host's.
 */
export class ShowFollower {
  following: boolean;
  /** The host's latest cut (the snapshot's `show`). */
  target: SessionShow | null = null;
  /** Host's expected stream time minus ours at the last look (ms); null before one. For tests and the data attributes. */
  lastErrorMs: number | null = null;
  private settleUntil = 0;

  constructor(
    private readonly player: FollowShowPlayer,
    private readonly opts: { following: boolean; serverNow: () => number; now?: () => number; budgetMs?: number },
  ) {
    this.following = opts.following;
  }

  /** The picture on this screen, as stream time (program-date-time ms of the main angle); null before it plays. */
  streamTime(): number | null {
    return this.player.players.get(this.player.main)?.programMs() ?? null;
  }

  /** The host cut (or seeked): a follower goes there at once. */
  setTarget(show: SessionShow | null): void {
    const changed = !this.target || !show || show.angleId !== this.target.angleId || show.streamTime !== this.target.streamTime || show.at !== this.target.at;
    this.target = show;
    if (changed) this.settleUntil = 0;
    if (this.following) this.applyAngle();
  }

  /** This person picked an angle of their own: show it and stop following. Returns whether following stopped. */
  pick(angleId: string): boolean {
    this.player.switchTo(angleId);
    if (!this.following || angleId === this.target?.angleId) return false;
    this.following = false;
    return true;
  }

  /** Follow again: the host's angle and moment. */
  snapBack(): void {
    this.following = true;
    this.settleUntil = 0;
    this.applyAngle();
    this.tick();
  }

  /** Stop following without changing the picture (the bar's state from elsewhere, a lead change). */
  stop(): void {
    this.following = false;
  }

  /** Call a few times a second: seeks the main angle when it is off the host's moment by more than the budget. */
  tick(): void {
    const t = this.target;
    if (!this.following || !t || t.streamTime === null) return;
    if (this.player.main !== t.angleId) this.applyAngle();
    const main = this.player.players.get(this.player.main);
    const ours = main?.programMs() ?? null;
    if (!main || ours === null || !main.ready) return;
    const expected = t.streamTime + Math.max(0, this.opts.serverNow() - t.at);
    const err = expected - ours;
    this.lastErrorMs = err;
    const now = (this.opts.now ?? performance.now.bind(performance))();
    if (Math.abs(err) <= (this.opts.budgetMs ?? SHOW_FOLLOW_BUDGET_MS) || now < this.settleUntil) return;
    // Only the main angle seeks: the player's sync brings the others along to it.
    main.seekBy(err / 1000);
    this.settleUntil = now + SETTLE_MS;
  }

  private applyAngle() {
    if (this.target && this.player.players.has(this.target.angleId) && this.player.main !== this.target.angleId) this.player.switchTo(this.target.angleId);
  }
}
