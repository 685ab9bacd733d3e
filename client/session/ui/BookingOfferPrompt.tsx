import { useEffect } from 'react';
import type { SessionMessages } from '../../i18n/sessionMessages.ts';

/**
 * A viewer's invitation to book, over the tour (not modal: the tour and the guide's voice go
 * on). Big buttons, plain words; keyboard focus is not taken away from what the person is
 * doing — the live region in SessionOverlay announces it and the buttons are next in reach.
 */
export function BookingOfferPrompt({ hostName, onBook, onLater, m }: { hostName: string; onBook: () => void; onLater: () => void; m: SessionMessages }) {
  // Escape puts it aside, like the other panels over the tour.
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && !e.defaultPrevented && document.activeElement?.closest('.booking-offer') && onLater();
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onLater]);
  return (
    <section className="booking-offer" aria-labelledby="booking-offer-title" aria-describedby="booking-offer-text">
      <h2 id="booking-offer-title">{m.offerTitle(hostName)}</h2>
      <p id="booking-offer-text">{m.offerText}</p>
      <p className="dialog-actions">
        <button className="primary" onClick={onBook}>
          {m.offerBook}
        </button>
        <button onClick={onLater}>{m.offerLater}</button>
      </p>
    </section>
  );
}
