import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { onLinkClick } from '../../app/router.ts';
import { useTitle } from '../../app/useTitle.ts';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { describeError } from '../describeError.ts';
import { HostApiError } from '../HostApiError.ts';
import { HostHeading } from '../HostHeading.tsx';
import { HostNotFound } from '../HostNotFound.tsx';
import { hostHref, type BookingTab } from '../parseHostRoute.ts';
import { useHostMessages } from '../useHostMessages.ts';
import { useHostPlace } from '../useHostPlace.ts';
import { BookingTabs } from './BookingTabs.tsx';
import { BookingsPage } from './BookingsPage.tsx';
import { CheckinPage } from './CheckinPage.tsx';
import { FeedbackPage } from './FeedbackPage.tsx';
import { FunnelPage } from './FunnelPage.tsx';
import { SlotsPage } from './SlotsPage.tsx';
import '../../booking/booking.css';

/** /host/places/:id/{checkin,bookings,slots,feedback,funnel} — a place's visits. */
export function HostBookingPage({ placeId, tab }: { placeId: string; tab: BookingTab }) {
  const { m, t } = useHostMessages();
  const { b } = useBookingMessages();
  const { place, reload } = useHostPlace(placeId);
  const titles: Record<BookingTab, string> = { checkin: b.checkinTitle, bookings: b.bookingsTitle, slots: b.slotsTitle, feedback: b.feedbackTitle, funnel: b.funnelTitle };
  useTitle(place.state === 'ready' ? `${titles[tab]} · ${place.data.title}` : titles[tab]);
  if (place.state === 'loading') return <LoadingBlock />;
  if (place.state === 'error') {
    if (place.error.status === 404) return <HostNotFound message={m.placeNotFound} />;
    return (
      <div className="error-state" role="alert">
        <p>{describeError(m, place.error as HostApiError)}</p>
        <button type="button" onClick={reload}>
          {t.retry}
        </button>
      </div>
    );
  }
  const p = place.data;
  return (
    <>
      <p className="host-crumbs">
        <a href={hostHref({ page: 'place', placeId: p.id })} onClick={onLinkClick}>
          ← {p.title}
        </a>
      </p>
      <HostHeading key={tab}>{titles[tab]}</HostHeading>
      <BookingTabs placeId={p.id} current={tab} />
      {tab === 'checkin' && <CheckinPage placeId={p.id} />}
      {tab === 'bookings' && <BookingsPage placeId={p.id} />}
      {tab === 'slots' && <SlotsPage placeId={p.id} />}
      {tab === 'feedback' && <FeedbackPage placeId={p.id} />}
      {tab === 'funnel' && <FunnelPage placeId={p.id} />}
    </>
  );
}
