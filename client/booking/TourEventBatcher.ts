import type { TourEvent } from '@protocol';

const MAX_DWELL_MS = 6 * 3600_000;
const MAX_BATCH = 100;

/**
 * Anonymous tour analytics without a framework: one `tour_view` when the tour opens, a
 * `room_enter` per room, and the time spent in a room (`room_dwell`) when the viewer leaves
 * it. Events wait in a queue until `flush` hands them to `send` (at most 100 per batch).
 * Time spent while the page is hidden does not count as dwell.
 */
export class TourEventBatcher {
  private queue: TourEvent[] = [];
  private scene: string | null = null;
  private enteredAt = 0;
  private accumulated = 0;
  private hidden = false;

  constructor(
    private readonly placeId: string,
    private readonly send: (events: TourEvent[]) => void,
    private readonly visitorId?: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The tour opened, in this room. */
  start(sceneId: string | null): void {
    this.queue.push({ type: 'tour_view', placeId: this.placeId, ...(this.visitorId && { visitorId: this.visitorId }), ...(sceneId && { sceneId }) });
    if (sceneId) this.enter(sceneId);
  }

  /** The viewer is now in this room (same room again: nothing). */
  enter(sceneId: string): void {
    if (sceneId === this.scene) return;
    this.closeDwell();
    this.scene = sceneId;
    this.enteredAt = this.now();
    this.accumulated = 0;
    this.queue.push({ type: 'room_enter', placeId: this.placeId, sceneId, ...(this.visitorId && { visitorId: this.visitorId }) });
  }

  /** The page was hidden (tab switch, phone locked) or shown again. */
  setHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    if (hidden) this.accumulated += this.now() - this.enteredAt;
    else this.enteredAt = this.now();
    this.hidden = hidden;
  }

  /** Sends what is queued; `final` (page leaving) also closes the current room's dwell. */
  flush(final = false): void {
    if (final) this.closeDwell(true);
    while (this.queue.length) this.send(this.queue.splice(0, MAX_BATCH));
  }

  /** Events waiting (for tests). */
  pending(): readonly TourEvent[] {
    return this.queue;
  }

  private closeDwell(keepRoom = false): void {
    if (!this.scene) return;
    const ms = Math.round(this.accumulated + (this.hidden ? 0 : this.now() - this.enteredAt));
    if (ms > 0) {
      this.queue.push({ type: 'room_dwell', placeId: this.placeId, sceneId: this.scene, dwellMs: Math.min(ms, MAX_DWELL_MS), ...(this.visitorId && { visitorId: this.visitorId }) });
    }
    // Leaving the page but maybe coming back (bfcache): dwell restarts from zero in the same room.
    this.accumulated = 0;
    this.enteredAt = this.now();
    if (!keepRoom) this.scene = null;
  }
}
