import { useEffect, useRef, useState } from 'react';
import type { Place } from '@protocol';
import type { BookingCreated } from '@protocol';
import { BookingForm } from '../../booking/BookingForm.tsx';
import { TicketCard } from '../../booking/TicketCard.tsx';
import { useBookingMessages } from '../../booking/useBookingMessages.ts';

/**
 * Booking a visit without leaving the guided session: a modal dialog over the tour (full
 * screen on a phone) with the booking form, then the ticket. A dialog rather than a new tab:
 * on a phone a new tab hides the tour behind a tab switcher that is hard to find the way
 * back from, and a background tab may lose its socket and sound; here the guide keeps
 * talking, the session stays connected, and one button leads back.
 */
export function SessionBookingDialog({ place, sessionId, onClose }: { place: Place; sessionId: string; onClose: () => void }) {
  const { b } = useBookingMessages();
  const ref = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const [created, setCreated] = useState<BookingCreated | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  // Booked: read out the ticket's heading first (the form the focus was in is gone).
  useEffect(() => {
    if (created) title.current?.focus();
  }, [created]);
  return (
    <dialog ref={ref} className="session-dialog booking-dialog" aria-labelledby="booking-dialog-title" onClose={onClose} onCancel={onClose}>
      <div className="booking-dialog-head">
        <h2 id="booking-dialog-title" ref={title} tabIndex={-1}>
          {created ? b.ticketTitle : b.bookTitle(place.title)}
        </h2>
        <button onClick={onClose}>{b.backToTour}</button>
      </div>
      {created ? (
        <>
          <TicketCard booking={created.booking} />
          <p>
            <a href={created.manageUrl} target="_blank" rel="noopener">
              {b.openManage}
            </a>
          </p>
          <p className="hint">{b.manageKeep}</p>
          <div className="dialog-actions">
            <button className="primary" onClick={onClose}>
              {b.backToTour}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="hint">{b.sessionBookLede}</p>
          <p className="meta">
            {place.address}, {place.city}
          </p>
          <BookingForm place={place} source="session" sessionId={sessionId} onBooked={setCreated} />
        </>
      )}
    </dialog>
  );
}
