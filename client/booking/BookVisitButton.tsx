import { onLinkClick } from '../app/router.ts';
import { useBookingMessages } from './useBookingMessages.ts';

/** "Book a visit": to the booking form; `source` tells the host's funnel where it came from. */
export function BookVisitButton({ placeId, source = 'place', className = 'button primary' }: { placeId: string; source?: 'place' | 'tour' | 'session'; className?: string }) {
  const { b } = useBookingMessages();
  return (
    <a className={className} href={`/places/${encodeURIComponent(placeId)}/book?from=${source}`} onClick={onLinkClick}>
      {b.bookVisit}
    </a>
  );
}
