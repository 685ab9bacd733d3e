import { useEffect, useState } from 'react';
import type { Booking } from '@protocol';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { bookingApi } from '../booking/bookingApi.ts';
import { BookingApiError } from '../booking/BookingApiError.ts';
import { BookVisitButton } from '../booking/BookVisitButton.tsx';
import { FeedbackForm } from '../booking/FeedbackForm.tsx';
import { ManagePanel } from '../booking/ManagePanel.tsx';
import { TicketCard } from '../booking/TicketCard.tsx';
import { useBookingMessages } from '../booking/useBookingMessages.ts';
import '../booking/booking.css';
import { placeText } from '../i18n/placeText.ts';

type State = { s: 'loading' } | { s: 'ready'; booking: Booking } | { s: 'error'; error: BookingApiError };

/**
 * /book/ticket/:code — the ticket (QR, calendar); /book/manage/:token — the same plus
 * cancel, reschedule and, after the visit, the rating form.
 */
export function TicketPage({ code, token }: { code?: string; token?: string }) {
  const { b, t, lang } = useBookingMessages();
  const [state, setState] = useState<State>({ s: 'loading' });
  const [notice, setNotice] = useState('');
  const [attempt, setAttempt] = useState(0);
  useTitle(state.s === 'ready' ? `${b.ticketTitle}: ${placeText(lang, state.booking.place, 'title').text}` : b.ticketTitle);
  useEffect(() => {
    const ctrl = new AbortController();
    (token ? bookingApi.byToken(token, ctrl.signal) : bookingApi.byCode(code ?? '', ctrl.signal)).then(
      (booking) => setState({ s: 'ready', booking }),
      (e) => {
        if ((e as Error).name !== 'AbortError') setState({ s: 'error', error: e instanceof BookingApiError ? e : new BookingApiError(0, 'unknown', String(e)) });
      },
    );
    return () => ctrl.abort();
  }, [code, token, attempt]);

  const change = (booking: Booking, text: string) => {
    setState({ s: 'ready', booking });
    setNotice(text);
  };

  let body: React.ReactNode;
  if (state.s === 'loading') body = <LoadingBlock />;
  else if (state.s === 'error')
    body =
      state.error.status === 404 ? (
        <p className="not-found" role="alert">
          {token ? b.manageNotFound : b.ticketNotFound}
        </p>
      ) : (
        <div className="error-state" role="alert">
          <p>{t.loadFailed}</p>
          <button onClick={() => setAttempt((a) => a + 1)}>{t.retry}</button>
        </div>
      );
  else {
    const bk = state.booking;
    body = (
      <>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <TicketCard booking={bk} />
        {token && <FeedbackForm booking={bk} token={token} onChange={change} />}
        {token && <ManagePanel booking={bk} token={token} onChange={change} />}
        <p className="ticket-footer">
          <a href={`/places/${encodeURIComponent(bk.place.id)}`} onClick={onLinkClick}>
            ← {t.backToPlace}
          </a>
          {bk.status === 'cancelled' && <BookVisitButton placeId={bk.place.id} className="button" />}
        </p>
      </>
    );
  }
  return (
    <>
      <Header />
      <main className="page ticket-page">
        <h1>{b.ticketTitle}</h1>
        {body}
      </main>
    </>
  );
}

export default TicketPage;
