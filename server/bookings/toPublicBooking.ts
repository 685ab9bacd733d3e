import { formatTicketCode, type Booking } from '../protocol/booking.ts';
import type { BookingRecord } from './bookingRecord.ts';
import { maskPhone } from './maskPhone.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A booking as its visitor sees it, with what the manage link may do at `now`. */
export function toPublicBooking(b: BookingRecord, now: Date): Booking {
  const code = formatTicketCode(b.code);
  const live = b.status === 'confirmed';
  const changeable = live && !b.checkedInAt && b.slot.start > now;
  return {
    code,
    status: b.status,
    place: {
      id: b.place.id,
      title: b.place.title,
      address: b.place.address,
      city: b.place.city,
      kind: b.place.kind,
      // The Chinese texts the host wrote, for a ticket read in Chinese ('' is none).
      ...(b.place.textsZh?.titleZh?.trim() && { titleZh: b.place.textsZh.titleZh }),
      ...(b.place.textsZh?.addressZh?.trim() && { addressZh: b.place.textsZh.addressZh }),
      ...(b.place.textsZh?.cityZh?.trim() && { cityZh: b.place.textsZh.cityZh }),
    },
    slot: { id: b.slotId, start: b.slot.start.toISOString(), end: b.slot.end.toISOString(), durationMinutes: b.slot.durationMinutes, timezone: b.slot.timezone },
    name: b.name,
    phone: maskPhone(b.phone),
    partySize: b.partySize,
    note: b.note,
    createdAt: b.createdAt.toISOString(),
    cancelledAt: iso(b.cancelledAt),
    checkedInAt: iso(b.checkedInAt),
    feedback: b.feedback && { rating: b.feedback.rating, comment: b.feedback.comment, at: b.feedback.at.toISOString() },
    can: { cancel: changeable, reschedule: changeable, feedback: live && b.slot.start <= now },
    links: {
      ticket: `/book/ticket/${code}`,
      qrSvg: `/api/bookings/${code}/qr.svg`,
      qrPng: `/api/bookings/${code}/qr.png`,
      ics: `/api/bookings/${code}/ticket.ics`,
    },
  };
}
