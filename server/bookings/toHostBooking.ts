import { formatTicketCode, type HostBooking } from '../protocol/booking.ts';
import type { BookingRecord } from './bookingRecord.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A booking as the host sees it: full phone and note. */
export function toHostBooking(b: BookingRecord): HostBooking {
  return {
    code: formatTicketCode(b.code),
    status: b.status,
    slotId: b.slotId,
    slotStart: b.slot.start.toISOString(),
    timezone: b.slot.timezone,
    name: b.name,
    phone: b.phone,
    partySize: b.partySize,
    note: b.note,
    source: b.source,
    sessionId: b.sessionId,
    createdAt: b.createdAt.toISOString(),
    cancelledAt: iso(b.cancelledAt),
    checkedInAt: iso(b.checkedInAt),
    rating: b.feedback?.rating ?? null,
  };
}
