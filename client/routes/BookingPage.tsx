import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { navigate, onLinkClick } from '../app/router.ts';
import { usePlace } from '../app/usePlace.ts';
import { useTitle } from '../app/useTitle.ts';
import { BookingForm, type BookingSource } from '../booking/BookingForm.tsx';
import { useBookingMessages } from '../booking/useBookingMessages.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../booking/booking.css';
import { bookingWords } from '../booking/bookingWords.ts';
import { addressText, placeText } from '../i18n/placeText.ts';

const SOURCES = ['place', 'tour', 'session'] as const;

/** /places/:id/book — pick a time, leave a name and phone; on success the ticket page. */
export function BookingPage({ placeId, search }: { placeId: string; search: string }) {
  const { b, t, lang } = useBookingMessages();
  const [place, reloadPlace] = usePlace(placeId);
  useTitle(place.state === 'ready' ? bookingWords(b, place.data.kind).title(placeText(lang, place.data, 'title').text) : b.bookVisit);

  const params = new URLSearchParams(search);
  const from = params.get('from');
  const source: BookingSource = (SOURCES as readonly string[]).includes(from ?? '') ? (from as BookingSource) : 'place';
  const sessionId = params.get('session') ?? undefined;

  if (place.state === 'error' && place.error.status === 404) return <NotFoundPage message={t.notFoundPlace} />;
  if (place.state === 'error')
    return (
      <>
        <Header />
        <main className="page error-state" role="alert">
          <p>{t.loadFailed}</p>
          <button onClick={reloadPlace}>{t.retry}</button>
        </main>
      </>
    );
  if (place.state === 'loading')
    return (
      <>
        <Header />
        <LoadingBlock />
      </>
    );
  const p = place.data;
  return (
    <>
      <Header />
      <main className="page booking-page">
        <p>
          <a href={`/places/${encodeURIComponent(p.id)}`} onClick={onLinkClick}>
            ← {t.backToPlace}
          </a>
        </p>
        <h1>{bookingWords(b, p.kind).title(placeText(lang, p, 'title').text)}</h1>
        <p className="lede">{bookingWords(b, p.kind).lede}</p>
        <p className="meta" lang={addressText(lang, p).lang}>
          {addressText(lang, p).text}
        </p>
        <BookingForm place={p} source={source} sessionId={sessionId} onBooked={(created) => navigate(created.manageUrl)} />
      </main>
    </>
  );
}

export default BookingPage;
