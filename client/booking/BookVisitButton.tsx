import { onLinkClick } from '../app/router.ts';
import type { PlaceSummary } from '@protocol';
import { bookingWords } from './bookingWords.ts';
import { useBookingMessages } from './useBookingMessages.ts';

/** "Book a visit" (a museum: "Book a timed entry"): to the booking form; `source` (and the session) tell the host's funnel where it came from. */
export function BookVisitButton({ placeId, source = 'place', sessionId, className = 'button primary', kind }: { placeId: string; kind?: PlaceSummary['kind']; source?: 'place' | 'tour' | 'session'; sessionId?: string; className?: string }) {
  const { b } = useBookingMessages();
  const session = sessionId ? `&session=${encodeURIComponent(sessionId)}` : '';
  return (
    <a className={className} href={`/places/${encodeURIComponent(placeId)}/book?from=${source}${session}`} onClick={onLinkClick}>
      {bookingWords(b, kind).button}
    </a>
  );
}
