import { useCallback, useEffect, useRef, useState } from 'react';
import type { Place } from '@protocol';
import { NOTE_MAX, PARTY_MAX, type BookingCreated, type Slot } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { bookingApi } from './bookingApi.ts';
import { BookingApiError } from './BookingApiError.ts';
import { apiFieldErrors, validateBookingForm, type BookingFormValues, type FieldErrors } from './bookingFormErrors.ts';
import { newIdempotencyKey } from './newIdempotencyKey.ts';
import { SlotPicker } from './SlotPicker.tsx';
import { useBookingMessages } from './useBookingMessages.ts';
import { shortVisitTime } from './shortVisitTime.ts';
import './booking.css';


export type BookingSource = 'place' | 'tour' | 'session';

/**
 * The booking form: a visit time, name, phone, party size and a note; validated here, then
 * by the server. Shared by the booking page and the booking dialog inside a guided session;
 * `onBooked` decides what comes next (the ticket page, or the ticket in the dialog).
 */
export function BookingForm({ place: p, source, sessionId, onBooked }: { place: Place; source: BookingSource; sessionId?: string; onBooked: (created: BookingCreated) => void }) {
  const { b, t, lang } = useBookingMessages();
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotsError, setSlotsError] = useState(false);
  const [values, setValues] = useState<BookingFormValues>({ slotId: null, name: '', phone: '', partySize: '1', note: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per intended booking: a retry after a lost answer books once; any edit starts a new one.
  const key = useRef(newIdempotencyKey());
  const formRef = useRef<HTMLFormElement>(null);

  const loadSlots = useCallback(async () => {
    try {
      setSlots(await bookingApi.slots(p.id));
      setSlotsError(false);
    } catch {
      setSlotsError(true);
    }
  }, [p.id]);
  useEffect(() => void loadSlots(), [loadSlots]);

  const chosen = slots?.find((s) => s.id === values.slotId);

  const set = (k: keyof BookingFormValues) => (v: string) => {
    key.current = newIdempotencyKey();
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((old) => ({ ...old, [k]: undefined }));
  };

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setFormError('');
    const local = validateBookingForm(values, b, chosen?.seatsLeft);
    setErrors(local);
    if (Object.values(local).some(Boolean)) {
      setFormError(b.fixFields);
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const created = await bookingApi.book(
        {
          slotId: values.slotId!,
          placeId: p.id,
          name: values.name,
          phone: values.phone,
          partySize: Number(values.partySize),
          note: values.note,
          source,
          ...(sessionId && { sessionId }),
          locale: lang === 'zh-CN' ? 'zh' : 'en',
        },
        key.current,
      );
      onBooked(created);
    } catch (err) {
      if (!(err instanceof BookingApiError)) throw err;
      if (err.status === 0) setFormError(b.offline);
      else if (err.status === 429) setFormError(b.tooManyAttempts);
      else {
        const fields = apiFieldErrors(err, b, lang === 'en');
        if (err.code === 'slot_full') fields.slotId = b.slotFull;
        setErrors(fields);
        setFormError(Object.keys(fields).length ? b.fixFields : lang === 'en' ? err.message : b.somethingWrong);
        // A definitive refusal: the next submit is a new attempt.
        key.current = newIdempotencyKey();
        if (err.status === 409 || err.code === 'slot_not_found') {
          if (err.code === 'slot_full' || err.code === 'slot_started' || err.code === 'slot_not_found') setValues((v) => ({ ...v, slotId: null }));
          await loadSlots();
        }
        focusFirstError();
      }
    } finally {
      setBusy(false);
    }
  }

  // The choice (day and time) is form state and stays; the focus goes to the first field to fix,
  // and its message is scrolled into view too (on a phone the sticky bar could hide it).
  function focusFirstError() {
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"] input:not([disabled]), [aria-invalid="true"]:is(input,textarea)');
      el?.focus();
      if (el?.id) document.getElementById(`${el.id}-error`)?.scrollIntoView({ block: 'nearest' });
    });
  }

  const field = (k: 'name' | 'phone' | 'partySize' | 'note') => ({
    id: `book-${k}`,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': [errors[k] ? `book-${k}-error` : '', k === 'phone' ? 'book-phone-hint' : ''].filter(Boolean).join(' ') || undefined,
  });
  const err = (k: 'name' | 'phone' | 'partySize' | 'note') =>
    errors[k] && (
      <p className="field-error" id={`book-${k}-error`}>
        {errors[k]}
      </p>
    );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="booking-form">
      {slots === null && !slotsError && <LoadingBlock />}
      {slotsError && (
        <div className="error-state" role="alert">
          <p>{t.loadFailed}</p>
          <button type="button" onClick={loadSlots}>
            {t.retry}
          </button>
        </div>
      )}
      {slots && slots.length === 0 && <p className="empty-state">{b.noSlots}</p>}
      {slots && slots.length > 0 && (
        <>
          <SlotPicker slots={slots} value={values.slotId} onChange={set('slotId')} name="slot" legend={b.chooseTime} error={errors.slotId} />
          <fieldset className="booking-details">
            <legend>{b.yourDetails}</legend>
            <label htmlFor="book-name">{b.name}</label>
            <input {...field('name')} autoComplete="name" value={values.name} onChange={(e) => set('name')(e.target.value)} />
            {err('name')}
            <label htmlFor="book-phone">{b.phone}</label>
            <input {...field('phone')} type="tel" autoComplete="tel" inputMode="tel" value={values.phone} onChange={(e) => set('phone')(e.target.value)} />
            {err('phone')}
            <p className="hint" id="book-phone-hint">
              {b.phoneHint}
            </p>
            <label htmlFor="book-partySize">{b.partySize}</label>
            <input
              {...field('partySize')}
              type="number"
              min={1}
              max={Math.min(PARTY_MAX, chosen?.seatsLeft ?? PARTY_MAX)}
              inputMode="numeric"
              value={values.partySize}
              onChange={(e) => set('partySize')(e.target.value)}
            />
            {err('partySize')}
            <label htmlFor="book-note">{b.note}</label>
            <textarea {...field('note')} rows={3} maxLength={NOTE_MAX} value={values.note} onChange={(e) => set('note')(e.target.value)} />
            {err('note')}
          </fieldset>
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          {/* On a phone this bar stays at the bottom of the screen: the time chosen and the button, always in reach. */}
          <div className="booking-submit">
            <p className="booking-choice" data-testid="booking-choice">
              {chosen ? shortVisitTime(chosen.start, chosen.timezone, lang, chosen.end) : b.noTimeChosen}
            </p>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? b.booking : b.confirmBooking}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
