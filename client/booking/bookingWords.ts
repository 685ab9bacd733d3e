import type { PlaceSummary } from '@protocol';
import type { BookingMessages } from '../i18n/bookingMessages.ts';

/** The booking's words for a place: a museum sells timed entries, a show tickets for its venue, other places a visit (same slots and bookings). */
export function bookingWords(b: BookingMessages, kind: PlaceSummary['kind'] | undefined): { button: string; lede: string; title: (place: string) => string } {
  if (kind === 'museum') return { button: b.bookEntry, lede: b.bookEntryLede, title: b.bookEntryTitle };
  if (kind === 'show') return { button: b.bookTickets, lede: b.bookTicketsLede, title: b.bookTicketsTitle };
  return { button: b.bookVisit, lede: b.bookVisitLede, title: b.bookTitle };
}
