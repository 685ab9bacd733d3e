import { onLinkClick } from '../app/router.ts';
import { useBookingMessages } from './useBookingMessages.ts';

/** "Book a visit": to the booking form; `source` (and the session) tell the host's funnel where it came from. */
export function BookVisitButton({ placeId, source = 'place', sessionId, className = 'button primary' }: { placeId: string; source?: 'place' | 'tour' | 'session'; sessionId?: string; className?: string }) {
  const { b } = useBookingMessages();
  const session = sessionId ? `&session=${encodeURIComponent(sessionId)}` : '';
  return (
    <a className={className} href={`/places/${encodeURIComponent(placeId)}/book?from=${source}${session}`} onClick={onLinkClick}>
      {b.bookVisit}
    </a>
  );
}
