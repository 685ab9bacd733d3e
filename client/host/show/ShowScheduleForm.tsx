import { useId, useState } from 'react';
import type { Show } from '@protocol';
import { useHost } from '../HostContext.ts';
import { fromLocalInput, toLocalInput } from './localDateTime.ts';
import { useShowMessages } from './useShowMessages.ts';

/** When the show starts (in the host's own time zone) and which angle opens big. */
export function ShowScheduleForm({ placeId, show, onChange }: { placeId: string; show: Show; onChange: (show: Show) => void }) {
  const { sm, m, lang, describe } = useShowMessages();
  const { api } = useHost();
  const id = useId();
  const [startsAt, setStartsAt] = useState(toLocalInput(show.startsAt));
  const [picked, setMain] = useState(show.mainAngle ?? '');
  // An angle deleted since it was picked is no choice any more.
  const main = show.angles.some((a) => a.id === picked) ? picked : '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(startsAt);
    setNotice('');
    if (at === undefined) {
      setFieldError(sm.problemStartsAt);
      document.getElementById(`${id}-starts`)?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    setError(null);
    try {
      const next = await api.patchShow(placeId, { startsAt: at, ...(main && { mainAngle: main }) });
      onChange(next);
      setNotice(m.saved);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="host-show-schedule" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{sm.scheduleHeading}</h3>
      <div className="host-inline-fields">
        <div className="host-field">
          <label htmlFor={`${id}-starts`}>{sm.startsAt}</label>
          <input
            id={`${id}-starts`}
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            aria-invalid={!!fieldError}
            aria-describedby={`${id}-starts-hint${fieldError ? ` ${id}-starts-err` : ''}`}
          />
          <span className="host-hint" id={`${id}-starts-hint`}>
            {sm.startsAtHint(Intl.DateTimeFormat().resolvedOptions().timeZone)}
          </span>
          {fieldError && (
            <span className="host-field-error" id={`${id}-starts-err`}>
              {fieldError}
            </span>
          )}
        </div>
        {show.angles.length > 0 && (
          <div className="host-field">
            <label htmlFor={`${id}-main`}>{sm.mainAngle}</label>
            <select id={`${id}-main`} value={main || show.angles[0].id} onChange={(e) => setMain(e.target.value)}>
              {show.angles.map((a) => (
                <option key={a.id} value={a.id}>
                  {lang === 'zh-CN' && a.labelZh ? a.labelZh : a.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div className="host-actions">
        <button type="submit" className="host-small" disabled={busy}>
          {m.save}
        </button>
        <span role="status" className="host-status">
          {notice}
        </span>
      </div>
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
