import type { Booking } from '@protocol';

const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A Google Calendar "add event" link for the visit (the .ics covers Apple and Outlook). */
export function googleCalendarUrl(b: Booking, ticketUrl: string): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: `Visit: ${b.place.title}`,
    dates: `${stamp(b.slot.start)}/${stamp(b.slot.end)}`,
    ctz: b.slot.timezone,
    location: [b.place.address, b.place.city].filter(Boolean).join(', '),
    details: `Ticket ${b.code}\n${ticketUrl}`,
  });
  return `https://calendar.google.com/calendar/render?${q}`;
}
