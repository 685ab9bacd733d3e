import type { PlaceSummary } from '@protocol';
import type { BookingMessages } from '../i18n/bookingMessages.ts';

/** The booking's words for a place: a museum sells timed entries, other places a visit (same slots and bookings). */
export function bookingWords(b: BookingMessages, kind: PlaceSummary['kind'] | undefined): { button: string; lede: string; title: (place: string) => string } {
  return kind === 'museum'
    ? { button: b.bookEntry, lede: b.bookEntryLede, title: b.bookEntryTitle }
    : { button: b.bookVisit, lede: b.bookVisitLede, title: b.bookTitle };
}
