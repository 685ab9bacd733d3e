import { useCallback, useEffect, useRef, useState } from 'react';
import { NOTE_MAX, PARTY_MAX, type Slot } from '../../server/protocol/booking.ts';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { navigate, onLinkClick } from '../app/router.ts';
import { usePlace } from '../app/usePlace.ts';
import { useTitle } from '../app/useTitle.ts';
import { bookingApi } from '../booking/bookingApi.ts';
import { BookingApiError } from '../booking/BookingApiError.ts';
import { apiFieldErrors, validateBookingForm, type BookingFormValues, type FieldErrors } from '../booking/bookingFormErrors.ts';
import { newIdempotencyKey } from '../booking/newIdempotencyKey.ts';
import { SlotPicker } from '../booking/SlotPicker.tsx';
import { useBookingMessages } from '../booking/useBookingMessages.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../booking/booking.css';

const SOURCES = ['place', 'tour', 'session'] as const;

/** /places/:id/book — pick a time, leave a name and phone; on success the ticket page. */
export function BookingPage({ placeId, search }: { placeId: string; search: string }) {
  const { b, t, lang } = useBookingMessages();
  const [place, reloadPlace] = usePlace(placeId);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotsError, setSlotsError] = useState(false);
  const [values, setValues] = useState<BookingFormValues>({ slotId: null, name: '', phone: '', partySize: '1', note: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per intended booking: a retry after a lost answer books once; any edit starts a new one.
  const key = useRef(newIdempotencyKey());
  const formRef = useRef<HTMLFormElement>(null);
  useTitle(place.state === 'ready' ? b.bookTitle(place.data.title) : b.bookVisit);

  const loadSlots = useCallback(async () => {
    try {
      setSlots(await bookingApi.slots(placeId));
      setSlotsError(false);
    } catch {
      setSlotsError(true);
    }
  }, [placeId]);
  useEffect(() => void loadSlots(), [loadSlots]);

  const params = new URLSearchParams(search);
  const from = params.get('from');
  const source = (SOURCES as readonly string[]).includes(from ?? '') ? (from as (typeof SOURCES)[number]) : 'place';
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
      navigate(created.manageUrl);
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

  function focusFirstError() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"] input:not([disabled]), [aria-invalid="true"]:is(input,textarea)')?.focus());
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
    <>
      <Header />
      <main className="page booking-page">
        <p>
          <a href={`/places/${encodeURIComponent(p.id)}`} onClick={onLinkClick}>
            ← {t.backToPlace}
          </a>
        </p>
        <h1>{b.bookTitle(p.title)}</h1>
        <p className="lede">{b.bookVisitLede}</p>
        <p className="meta">
          {p.address}, {p.city}
        </p>
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
                <p className="hint" id="book-phone-hint">
                  {b.phoneHint}
                </p>
                {err('phone')}
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
              <button type="submit" className="primary" disabled={busy}>
                {busy ? b.booking : b.confirmBooking}
              </button>
            </>
          )}
        </form>
      </main>
    </>
  );
}

export default BookingPage;
