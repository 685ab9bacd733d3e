import { onLinkClick } from '../../app/router.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { hostHref, type BookingTab } from '../parseHostRoute.ts';

const TABS: { tab: BookingTab; label: (b: ReturnType<typeof useBookingMessages>['b']) => string }[] = [
  { tab: 'checkin', label: (b) => b.checkinTitle },
  { tab: 'bookings', label: (b) => b.bookingsTitle },
  { tab: 'slots', label: (b) => b.slotsTitle },
  { tab: 'feedback', label: (b) => b.feedbackTitle },
  { tab: 'funnel', label: (b) => b.funnelTitle },
];

/** The visit pages of one place, as links (each has its own address). */
export function BookingTabs({ placeId, current }: { placeId: string; current: BookingTab }) {
  const { b } = useBookingMessages();
  return (
    <nav aria-label={b.bookingsNav}>
      <ul className="booking-tabs">
        {TABS.map((x) => (
          <li key={x.tab}>
            <a href={hostHref({ page: 'booking', placeId, tab: x.tab })} aria-current={x.tab === current ? 'page' : undefined} onClick={onLinkClick}>
              {x.label(b)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
