import { useState } from 'react';
import { COMMENT_MAX, type Booking } from '@protocol';
import { bookingApi } from './bookingApi.ts';
import { BookingApiError } from './BookingApiError.ts';
import { useBookingMessages } from './useBookingMessages.ts';

/** After the visit: 1–5 stars (radio buttons) and a comment; shows the rating once given. */
export function FeedbackForm({ booking, token, onChange }: { booking: Booking; token: string; onChange: (b: Booking, notice: string) => void }) {
  const { b, lang } = useBookingMessages();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (booking.feedback)
    return (
      <section className="feedback" aria-labelledby="rate-h">
        <h2 id="rate-h">{b.rateTitle}</h2>
        <p>{b.yourRating(booking.feedback.rating)}</p>
        {booking.feedback.comment && <blockquote>{booking.feedback.comment}</blockquote>}
      </section>
    );
  if (!booking.can.feedback) return null;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (rating < 1) return setError(lang === 'en' ? 'Choose a rating from 1 to 5.' : '请选择 1 到 5 星。');
    setBusy(true);
    setError('');
    try {
      onChange(await bookingApi.feedback(token, { rating, comment }), b.thanksFeedback);
    } catch (err) {
      if (!(err instanceof BookingApiError)) throw err;
      setError(err.status === 0 ? b.offline : lang === 'en' ? err.message : b.somethingWrong);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="feedback" aria-labelledby="rate-h">
      <h2 id="rate-h">{b.rateTitle}</h2>
      <form onSubmit={submit}>
        <fieldset className="stars">
          <legend>{b.rating}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={n <= rating ? 'on' : ''}>
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
              <span className="sr-only">{b.stars(n)}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor="fb-comment">{b.comment}</label>
        <textarea id="fb-comment" rows={3} maxLength={COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {b.sendFeedback}
        </button>
      </form>
    </section>
  );
}
