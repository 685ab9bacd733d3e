import { useId, useRef, useState } from 'react';
import { angleProjectionSchema, type Show } from '@protocol';
import { HostApiError } from '../HostApiError.ts';
import { useHost } from '../HostContext.ts';
import { angleDraftToBody, EMPTY_ANGLE_DRAFT, type AngleDraft, type AngleDraftField } from './angleDraft.ts';
import { useShowMessages } from './useShowMessages.ts';

const FIELDS: AngleDraftField[] = ['label', 'labelZh', 'url'];

/** Adds an angle: labels, picture (flat / 360° / 360° stereo), and an https address or npm run live. */
export function AngleForm({ placeId, onAdded }: { placeId: string; onAdded: (show: Show) => void }) {
  const { sm, describe } = useShowMessages();
  const { api } = useHost();
  const uid = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<AngleDraft>(EMPTY_ANGLE_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<AngleDraftField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const id = (f: string) => `${uid}-${f}`;
  const focus = (f: AngleDraftField) => (form.current?.querySelector(`#${CSS.escape(id(f))}`) as HTMLElement | null)?.focus();
  const set = <K extends keyof AngleDraft>(k: K, v: AngleDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setNotice('');
    if (k in errors) setErrors(({ [k as AngleDraftField]: _, ...rest }) => rest);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const checked = angleDraftToBody(draft);
    if (!checked.ok) {
      const errs: Partial<Record<AngleDraftField, string>> = {};
      for (const [f, p] of Object.entries(checked.problems)) errs[f as AngleDraftField] = p === 'url' ? sm.problemUrl : sm.problemLabel;
      setErrors(errs);
      focus(FIELDS.find((f) => errs[f])!);
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const show = await api.addAngle(placeId, checked.body);
      setDraft({ ...EMPTY_ANGLE_DRAFT, projection: draft.projection, source: draft.source });
      setNotice(sm.added(checked.body.label));
      onAdded(show);
      focus('label');
    } catch (err) {
      // A field the server pins (source.url, label) shows under that field.
      const f = err instanceof HostApiError ? (err.field === 'source.url' ? 'url' : (err.field as AngleDraftField | undefined)) : undefined;
      if (err instanceof HostApiError && f && FIELDS.includes(f)) {
        setErrors({ [f]: err.fieldMessage });
        focus(f);
      } else setFormError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (f: AngleDraftField, label: string, input: React.ReactElement, hint?: string) => (
    <div className={`host-field f-${f}`}>
      <label htmlFor={id(f)}>{label}</label>
      {input}
      {hint && (
        <span className="host-hint" id={id(`${f}-hint`)}>
          {hint}
        </span>
      )}
      {errors[f] && (
        <span className="host-field-error" id={id(`${f}-err`)}>
          {errors[f]}
        </span>
      )}
    </div>
  );
  const described = (f: AngleDraftField, hint?: boolean) => [hint ? id(`${f}-hint`) : '', errors[f] ? id(`${f}-err`) : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form ref={form} className="host-form host-angle-form" onSubmit={submit} noValidate aria-labelledby={id('h')}>
      <h3 id={id('h')}>{sm.addAngle}</h3>
      {formError && (
        <p className="host-error" role="alert">
          {formError}
        </p>
      )}
      <div className="host-pair">
        {field('label', sm.label, <input id={id('label')} type="text" value={draft.label} onChange={(e) => set('label', e.target.value)} maxLength={60} autoComplete="off" aria-invalid={!!errors.label} aria-describedby={described('label')} />)}
        {field('labelZh', sm.labelZh, <input id={id('labelZh')} type="text" lang="zh-CN" value={draft.labelZh} onChange={(e) => set('labelZh', e.target.value)} maxLength={60} autoComplete="off" aria-invalid={!!errors.labelZh} aria-describedby={described('labelZh')} />)}
      </div>
      <div className="host-field">
        <label htmlFor={id('projection')}>{sm.projectionLabel}</label>
        <select id={id('projection')} value={draft.projection} onChange={(e) => set('projection', angleProjectionSchema.parse(e.target.value))}>
          {angleProjectionSchema.options.map((p) => (
            <option key={p} value={p}>
              {sm.projection[p]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="host-angle-source">
        <legend>{sm.sourceLabel}</legend>
        <label className="host-check">
          <input type="radio" name={id('source')} value="url" checked={draft.source === 'url'} onChange={() => set('source', 'url')} /> {sm.fromUrl}
        </label>
        <label className="host-check">
          <input type="radio" name={id('source')} value="published" checked={draft.source === 'published'} onChange={() => set('source', 'published')} /> {sm.fromPublisher}
        </label>
      </fieldset>
      {draft.source === 'url'
        ? field(
            'url',
            sm.urlLabel,
            <input id={id('url')} type="text" inputMode="url" value={draft.url} onChange={(e) => set('url', e.target.value)} placeholder="https://" autoComplete="off" spellCheck={false} aria-invalid={!!errors.url} aria-describedby={described('url', true)} />,
            sm.urlHint,
          )
        : (
          <p className="host-hint">
            {sm.commandLede} {sm.commandAfterAdd}
          </p>
        )}
      <div className="host-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? sm.adding : sm.addAngle}
        </button>
        <span role="status" className="host-status">
          {notice}
        </span>
      </div>
    </form>
  );
}
