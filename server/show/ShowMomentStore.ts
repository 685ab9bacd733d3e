import type { ShowMoment } from '../protocol/index.ts';

/** A moment as a session records it: whose party it came from, and what the replay shows. */
export interface RecordedMoment {
  placeId: string;
  /** The party's join code (canonical): its chat is shown to readers who have it. */
  sessionCode: string;
  moment: ShowMoment;
}

/** Where a show's watch-party moments are kept for its replay (createDbShowMomentStore). */
export interface ShowMomentStore {
  add(m: RecordedMoment): Promise<void>;
  /**
   * The place's moments in stream-time order: every party's reactions, and chat only from the
   * party `sessionCode` names (none without one); at most `max` of each kind, the earliest.
   */
  list(placeId: string, opts: { sessionCode?: string; max: number }): Promise<ShowMoment[]>;
}
