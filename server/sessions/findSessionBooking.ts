import type { Db } from '../db/Db.ts';
import { loadBookings } from '../bookings/bookingRecord.ts';
import { formatTicketCode, normaliseTicketCode } from '../protocol/booking.ts';

/** What a session needs to know of a booking before announcing it (see sessionBookingSchema). */
export interface SessionBookingFacts {
  /** Formatted ticket code. */
  code: string;
  placeId: string;
  /** The session it was booked from, or null. */
  sessionId: string | null;
  status: 'confirmed' | 'cancelled';
  slotStart: string;
  timezone: string;
  partySize: number;
}

export type FindSessionBooking = (code: string) => Promise<SessionBookingFacts | null>;

/** Looks a ticket code up in the bookings table (PGlite or Postgres); null for a code that cannot be one or is unknown. */
export function findSessionBooking(db: Db): FindSessionBooking {
  return async (code) => {
    const canonical = normaliseTicketCode(code);
    if (!canonical) return null;
    const [b] = await loadBookings(db, 'b.code = $1', [canonical]);
    if (!b) return null;
    return {
      code: formatTicketCode(b.code),
      placeId: b.placeId,
      sessionId: b.sessionId,
      status: b.status,
      slotStart: b.slot.start.toISOString(),
      timezone: b.slot.timezone,
      partySize: b.partySize,
    };
  };
}
