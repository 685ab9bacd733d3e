import { createEvent } from 'ics';
import { formatTicketCode } from '../protocol/booking.ts';
import type { BookingRecord } from './bookingRecord.ts';

const utcArray = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

/**
 * The visit as an iCalendar file. The UID stays the booking's and SEQUENCE grows with every
 * change, so importing the file again after a reschedule or a cancel updates the same event.
 */
export function renderTicketIcs(b: BookingRecord, origin: string): string {
  const code = formatTicketCode(b.code);
  const ticketUrl = `${origin}/book/ticket/${code}`;
  const { error, value } = createEvent({
    uid: `${b.id}@vantage`,
    productId: 'vantage/bookings',
    method: 'PUBLISH',
    sequence: b.sequence,
    start: utcArray(b.slot.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(b.slot.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `Visit: ${b.place.title}`,
    description: [
      `Ticket ${code} — show the QR code at the door.`,
      `${b.partySize} ${b.partySize === 1 ? 'person' : 'people'}, booked by ${b.name}.`,
      `Ticket and changes: ${ticketUrl}`,
    ].join('\n'),
    location: [b.place.address, b.place.city].filter(Boolean).join(', '),
    ...(b.place.lat || b.place.lng ? { geo: { lat: b.place.lat, lon: b.place.lng } } : {}),
    url: ticketUrl,
    status: b.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    created: utcArray(b.createdAt),
    alarms: b.status === 'cancelled' ? [] : [{ action: 'display', description: `Visit ${b.place.title}`, trigger: { hours: 2, before: true } }],
  });
  if (error || !value) throw new Error(`Vantage: could not build the calendar file for ${code}: ${error?.message ?? 'empty'}`);
  return value;
}
