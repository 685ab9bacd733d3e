import { cloneElement, useId, useRef, useState } from 'react';
import { describeError } from './describeError.ts';
import { HostApiError } from './HostApiError.ts';
import { placeFormToBody, type PlaceBody, type PlaceField, type PlaceFormValues } from './placeForm.ts';
import { useHostMessages } from './useHostMessages.ts';
import type { Orientation } from '@protocol';
import { profileMessages } from '../i18n/profileMessages.ts';
import { placeTextMessages } from '../i18n/placeTextMessages.ts';

const KINDS = ['home', 'museum', 'venue', 'show'] as const;
const CURRENCIES = ['CNY', 'HKD', 'USD', 'EUR', 'GBP', 'JPY', 'SGD', 'AUD', 'CAD'];
const FIELDS: PlaceField[] = ['kind', 'title', 'titleZh', 'address', 'addressZh', 'city', 'cityZh', 'lat', 'lng', 'price', 'currency', 'areaM2', 'bedrooms', 'livingRooms', 'bathrooms', 'floor', 'totalFloors', 'yearBuilt', 'district', 'orientation', 'description', 'descriptionZh'];
/** In compass order, as the checkboxes show them and the listing names them. */
const DIRECTIONS: Orientation[] = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'];

/**
 * The listing's fields (new place and editing one). Checks what it can before sending;
 * then an error the API pins on a field (`field` + one sentence) shows under that field,
 * and focus moves to the first field that needs attention.
 */
export function PlaceForm({
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
}: {
  initial: PlaceFormValues;
  submitLabel: string;
  busyLabel: string;
  /** Sends the body; rejects with a HostApiError to show it. */
  onSubmit: (body: PlaceBody) => Promise<void>;
}) {
  const { m, t, lang } = useHostMessages();
  const pm = profileMessages(lang);
  const tm = placeTextMessages(lang);
  const uid = useId();
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<PlaceField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<'idle' | 'busy' | 'saved'>('idle');
  const form = useRef<HTMLFormElement>(null);

  const id = (f: PlaceField) => `${uid}-${f}`;
  const focusField = (f: PlaceField) => (form.current?.querySelector(`#${CSS.escape(id(f))}`) as HTMLElement | null)?.focus();
  const toggleDirection = (d: Orientation) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const on = e.target.checked;
    setValues((v) => ({ ...v, orientation: DIRECTIONS.filter((x) => (x === d ? on : v.orientation.includes(x))) }));
    setStatus('idle');
  };
  const set = (f: Exclude<PlaceField, 'orientation'>) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    setValues((v) => ({ ...v, [f]: e.target.value }));
    setStatus('idle');
    if (fieldErrors[f]) setFieldErrors(({ [f]: _, ...rest }) => rest);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = placeFormToBody(values);
    if (!checked.ok) {
      const errs: Partial<Record<PlaceField, string>> = {};
      for (const [f, p] of Object.entries(checked.problems)) errs[f as PlaceField] = m[`problem_${p}`];
      setFieldErrors(errs);
      setFormError(m.fixFields);
      focusField(FIELDS.find((f) => errs[f])!);
      return;
    }
    setStatus('busy');
    setFormError(null);
    setFieldErrors({});
    try {
      await onSubmit(checked.body);
      setStatus('saved');
    } catch (err) {
      setStatus('idle');
      const f = err instanceof HostApiError ? (err.field?.split('.')[0] as PlaceField | undefined) : undefined;
      if (err instanceof HostApiError && f && FIELDS.includes(f)) {
        setFieldErrors({ [f]: err.fieldMessage });
        setFormError(m.fixFields);
        focusField(f);
      } else setFormError(describeError(m, err));
    }
  };

  const field = (f: PlaceField, label: string, input: React.ReactElement<Record<string, unknown>>, hint?: string) => {
    const err = fieldErrors[f];
    const describedBy = [hint ? `${id(f)}-hint` : '', err ? `${id(f)}-err` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`host-field f-${f}`}>
        <label htmlFor={id(f)}>{label}</label>
        {cloneElement(input, { id: id(f), name: f, 'aria-invalid': !!err, 'aria-describedby': describedBy })}
        {hint && (
          <span className="host-hint" id={`${id(f)}-hint`}>
            {hint}
          </span>
        )}
        {err && (
          <span className="host-field-error" id={`${id(f)}-err`}>
            {err}
          </span>
        )}
      </div>
    );
  };

  const currencies = CURRENCIES.includes(values.currency) ? CURRENCIES : [values.currency, ...CURRENCIES];
  return (
    <form ref={form} className="host-form place-form" onSubmit={submit} noValidate>
      {formError && (
        <p className="host-error" role="alert">
          {formError}
        </p>
      )}
      {field(
        'kind',
        m.kind,
        <select value={values.kind} onChange={set('kind')}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t[`kind_${k}`]}
            </option>
          ))}
        </select>,
      )}
      {/* Each text in both languages, side by side (stacked on a phone); the Chinese one optional. */}
      {field('title', tm.titleEn, <input type="text" lang="en" value={values.title} onChange={set('title')} maxLength={120} required autoComplete="off" />)}
      {field('titleZh', tm.titleZh, <input type="text" lang="zh-CN" value={values.titleZh} onChange={set('titleZh')} maxLength={120} autoComplete="off" />, tm.zhHint)}
      {field('address', tm.addressEn, <input type="text" lang="en" value={values.address} onChange={set('address')} maxLength={200} autoComplete="street-address" />)}
      {field('addressZh', tm.addressZh, <input type="text" lang="zh-CN" value={values.addressZh} onChange={set('addressZh')} maxLength={200} autoComplete="off" />)}
      {field('city', tm.cityEn, <input type="text" lang="en" value={values.city} onChange={set('city')} maxLength={80} autoComplete="address-level2" />)}
      {field('cityZh', tm.cityZh, <input type="text" lang="zh-CN" value={values.cityZh} onChange={set('cityZh')} maxLength={80} autoComplete="off" />)}
      {field('lat', m.lat, <input type="text" inputMode="decimal" value={values.lat} onChange={set('lat')} placeholder="31.2304" />, pm.coordsHint)}
      {field('lng', m.lng, <input type="text" inputMode="decimal" value={values.lng} onChange={set('lng')} placeholder="121.4737" />)}
      {field('price', m.price, <input type="text" inputMode="decimal" value={values.price} onChange={set('price')} />, m.priceHint)}
      {field(
        'currency',
        m.currency,
        <select value={values.currency} onChange={set('currency')}>
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>,
      )}
      {field('areaM2', m.area, <input type="text" inputMode="decimal" value={values.areaM2} onChange={set('areaM2')} />)}
      <fieldset className="place-facts">
        <legend>{pm.factsLegend}</legend>
        {field('bedrooms', pm.bedrooms, <input type="text" inputMode="numeric" value={values.bedrooms} onChange={set('bedrooms')} />)}
        {field('livingRooms', pm.livingRooms, <input type="text" inputMode="numeric" value={values.livingRooms} onChange={set('livingRooms')} />)}
        {field('bathrooms', pm.bathrooms, <input type="text" inputMode="numeric" value={values.bathrooms} onChange={set('bathrooms')} />)}
        {field('floor', pm.floor, <input type="text" inputMode="numeric" value={values.floor} onChange={set('floor')} />)}
        {field('totalFloors', pm.totalFloors, <input type="text" inputMode="numeric" value={values.totalFloors} onChange={set('totalFloors')} />)}
        {field('yearBuilt', pm.yearBuilt, <input type="text" inputMode="numeric" value={values.yearBuilt} onChange={set('yearBuilt')} placeholder="2008" />)}
        {field('district', pm.district, <input type="text" value={values.district} onChange={set('district')} maxLength={80} />, pm.districtHint)}
        <fieldset className="place-orientation" id={id('orientation')} tabIndex={-1}>
          <legend>{pm.orientation}</legend>
          {DIRECTIONS.map((d) => (
            <label key={d} className="check">
              <input type="checkbox" checked={values.orientation.includes(d)} onChange={toggleDirection(d)} /> {pm[`dir_${d}`]}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {field('description', tm.descriptionEn, <textarea lang="en" value={values.description} onChange={set('description')} rows={5} maxLength={5000} />)}
      {field('descriptionZh', tm.descriptionZh, <textarea lang="zh-CN" value={values.descriptionZh} onChange={set('descriptionZh')} rows={5} maxLength={5000} />)}
      <div className="host-actions">
        <button type="submit" className="primary" disabled={status === 'busy'}>
          {status === 'busy' ? busyLabel : submitLabel}
        </button>
        <span role="status" className="host-status">
          {status === 'saved' ? m.saved : ''}
        </span>
      </div>
    </form>
  );
}
