import type { Intent, SessionBooking } from '../protocol/session.ts';
import type { SessionExhibitEntry } from './SessionRoom.ts';

/**
 * What goes through the session's sequenced log (the state lane of the bus). Every instance
 * holding the session applies the same events in the same order, so replicas agree; each
 * event is checked again when applied (a request valid when sent may not be by its turn).
 * `origin` is the instance that appended it; `at` is its clock (ms), so applying is pure.
 */
export type SessionEvent =
  /** A socket attached to a seat: a first connect (viewer joins), a reconnect, or a takeover by a newer socket. */
  | { type: 'attach'; pid: string; name: string; role: 'host' | 'viewer'; conn: string; at: number; origin: string }
  /** That socket closed; the seat is kept for the grace period. Ignored when a newer socket holds the seat. */
  | { type: 'detach'; pid: string; conn: string; at: number; origin: string }
  /** The grace period passed and the same socket is still gone: the viewer leaves the roster. */
  | { type: 'expire'; pid: string; conn: string; at: number; origin: string }
  /** A participant's request, checked against the state when applied. */
  | {
      type: 'intent';
      by: string;
      intent: Intent;
      at: number;
      origin: string;
      /** A `goto`'s exhibit as the place has it now, when the session's copy lacked it (added or changed mid-session). */
      exhibitEntry?: { id: string; entry: SessionExhibitEntry };
      /** A `booked` intent's booking as the appending instance found it (LiveSession checks it); without it the intent does nothing. */
      booking?: VerifiedBooking;
    };

/** What the server read of a booking before announcing it in a session. */
export type VerifiedBooking = Pick<SessionBooking, 'code' | 'slotStart' | 'timezone' | 'partySize'>;
