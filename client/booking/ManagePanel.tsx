import { useState } from 'react';
import type { Booking, Slot } from '@protocol';
import { bookingApi } from './bookingApi.ts';
import { BookingApiError } from './BookingApiError.ts';
import { SlotPicker } from './SlotPicker.tsx';
import { useBookingMessages } from './useBookingMessages.ts';

/** Manage link actions: copy the link, cancel (asked in the page) and move to another time. */
export function ManagePanel({ booking, token, onChange }: { booking: Booking; token: string; onChange: (b: Booking, notice: string) => void }) {
  const { b, lang } = useBookingMessages();
  const [confirming, setConfirming] = useState(false);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const fail = (e: unknown) => {
    if (!(e instanceof BookingApiError)) throw e;
    setError(e.status === 0 ? b.offline : lang === 'en' ? e.message.replace(/^\w+: /, '') : e.code === 'slot_full' ? b.slotFull : b.somethingWrong);
  };
  async function act(run: () => Promise<Booking>, notice: string) {
    setBusy(true);
    setError('');
    try {
      onChange(await run(), notice);
      setConfirming(false);
      setSlots(null);
    } catch (e) {
      fail(e);
      if (slots) setSlots(await bookingApi.slots(booking.place.id).catch(() => slots));
    } finally {
      setBusy(false);
    }
  }
  async function openReschedule() {
    setError('');
    try {
      setSlots(await bookingApi.slots(booking.place.id));
      setTarget(null);
    } catch (e) {
      fail(e);
    }
  }
  if (!booking.can.cancel && !booking.can.reschedule) return null;
  return (
    <section className="manage" aria-labelledby="manage-h">
      <h2 id="manage-h">{b.manageTitle}</h2>
      <p className="hint">{b.manageKeep}</p>
      <div className="manage-actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(location.href).then(() => setCopied(true));
          }}
        >
          {copied ? b.linkCopied : b.copyManageLink}
        </button>
        {booking.can.reschedule && !slots && (
          <button type="button" onClick={openReschedule}>
            {b.reschedule}
          </button>
        )}
        {booking.can.cancel && !confirming && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {b.cancelBooking}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm-box" role="group" aria-labelledby="cancel-q">
          <p id="cancel-q">{b.cancelConfirm}</p>
          <button type="button" className="danger" disabled={busy} onClick={() => act(() => bookingApi.cancel(token), b.cancelled)}>
            {b.cancelYes}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} autoFocus>
            {b.cancelNo}
          </button>
        </div>
      )}
      {slots && (
        <form
          className="reschedule"
          onSubmit={(e) => {
            e.preventDefault();
            if (target) void act(() => bookingApi.reschedule(token, { slotId: target }), b.rescheduled);
          }}
        >
          {slots.filter((s) => s.id !== booking.slot.id).length === 0 ? (
            <p className="empty-state">{b.noSlots}</p>
          ) : (
            <SlotPicker slots={slots} value={target} onChange={setTarget} name="reschedule" legend={b.reschedule} exclude={booking.slot.id} />
          )}
          <button type="submit" className="primary" disabled={!target || busy}>
            {b.rescheduleTo}
          </button>{' '}
          <button type="button" onClick={() => setSlots(null)}>
            {b.closeForm}
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
