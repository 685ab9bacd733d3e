import { useEffect, useRef, useState } from 'react';
import type { Booking, Place } from '@protocol';
import type { BookingCreated } from '@protocol';
import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { BookingForm } from '../../booking/BookingForm.tsx';
import { bookingApi } from '../../booking/bookingApi.ts';
import { TicketCard } from '../../booking/TicketCard.tsx';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';
import { addressText, placeText } from '../../i18n/placeText.ts';

/**
 * Booking a visit without leaving the guided session: a modal dialog over the tour (full
 * screen on a phone) with the booking form, then the ticket. A dialog rather than a new tab:
 * on a phone a new tab hides the tour behind a tab switcher that is hard to find the way
 * back from, and a background tab may lose its socket and sound; here the guide keeps
 * talking, the session stays connected, and one button leads back. With `ticketCode` (she
 * booked earlier in this session) it opens on that ticket.
 */
export function SessionBookingDialog({ place, sessionId, onClose, onBooked, ticketCode }: { place: Place; sessionId: string; onClose: () => void; onBooked?: (created: BookingCreated) => void; ticketCode?: string }) {
  const { b, t, lang } = useBookingMessages();
  const ref = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const [created, setCreated] = useState<BookingCreated | null>(null);
  const [earlier, setEarlier] = useState<Booking | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  useEffect(() => {
    // Just booked here: the answer already holds the ticket.
    if (!ticketCode || created) return;
    const ac = new AbortController();
    bookingApi.byCode(ticketCode, ac.signal).then(setEarlier, (e: Error) => e.name !== 'AbortError' && setLoadFailed(true));
    return () => ac.abort();
  }, [ticketCode, created]);
  const ticket = created?.booking ?? earlier;
  // Booked: read out the ticket's heading first (the form the focus was in is gone).
  useEffect(() => {
    if (created) title.current?.focus();
  }, [created]);
  return (
    <dialog ref={ref} className="session-dialog booking-dialog" aria-labelledby="booking-dialog-title" onClose={onClose} onCancel={onClose}>
      <div className="booking-dialog-head">
        <h2 id="booking-dialog-title" ref={title} tabIndex={-1}>
          {ticket || ticketCode ? b.ticketTitle : b.bookTitle(placeText(lang, place, 'title').text)}
        </h2>
        <button onClick={onClose}>{b.backToTour}</button>
      </div>
      {ticket ? (
        <>
          <TicketCard booking={ticket} />
          {created && (
            <>
              <p>
                <a href={created.manageUrl} target="_blank" rel="noopener">
                  {b.openManage}
                </a>
              </p>
              <p className="hint">{b.manageKeep}</p>
            </>
          )}
          <div className="dialog-actions">
            <button className="primary" onClick={onClose}>
              {b.backToTour}
            </button>
          </div>
        </>
      ) : ticketCode ? (
        loadFailed ? (
          <p className="error-state" role="alert">
            {t.loadFailed}
          </p>
        ) : (
          <LoadingBlock />
        )
      ) : (
        <>
          <p className="hint">{b.sessionBookLede}</p>
          <p className="meta">
            <span lang={addressText(lang, place).lang}>{addressText(lang, place).text}</span>
          </p>
          <BookingForm
            place={place}
            source="session"
            sessionId={sessionId}
            onBooked={(c) => {
              setCreated(c);
              onBooked?.(c);
            }}
          />
        </>
      )}
    </dialog>
  );
}
