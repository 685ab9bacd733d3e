import { useId, useState } from 'react';
import type { Angle, Show } from '@protocol';
import { useHost } from '../HostContext.ts';
import { angleSourceKind } from './angleSourceKind.ts';
import { parseOffsetMs } from './angleDraft.ts';
import { LiveCommand } from './LiveCommand.tsx';
import { useShowMessages } from './useShowMessages.ts';

/** The show's angles: picture, source and playlist; per-angle offset; delete (asks first). */
export function AngleList({ placeId, show, onChange }: { placeId: string; show: Show; onChange: (show: Show) => void }) {
  const { sm } = useShowMessages();
  if (show.angles.length === 0) return <p className="empty-state host-empty-small">{sm.noAngles}</p>;
  return (
    <ul className="host-angles" aria-label={sm.angleList}>
      {show.angles.map((a) => (
        <AngleRow key={a.id} placeId={placeId} angle={a} onChange={onChange} />
      ))}
    </ul>
  );
}

function AngleRow({ placeId, angle, onChange }: { placeId: string; angle: Angle; onChange: (show: Show) => void }) {
  const { sm, m, lang, describe } = useShowMessages();
  const { api } = useHost();
  const id = useId();
  const label = lang === 'zh-CN' && angle.labelZh ? angle.labelZh : angle.label;
  const source = angleSourceKind(placeId, angle);
  const [offset, setOffset] = useState(String(angle.offsetMs));
  const [offsetError, setOffsetError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const saveOffset = async (e: React.FormEvent) => {
    e.preventDefault();
    const ms = parseOffsetMs(offset);
    setNotice('');
    if (ms === null) {
      setOffsetError(sm.problemOffset);
      document.getElementById(`${id}-offset`)?.focus();
      return;
    }
    setOffsetError(null);
    setBusy(true);
    setError(null);
    try {
      const next = await api.patchAngle(placeId, angle.id, { offsetMs: ms });
      setOffset(String(ms));
      setNotice(sm.offsetSaved);
      onChange(next);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await api.deleteAngle(placeId, angle.id));
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  return (
    <li className="host-angle" data-angle={angle.id}>
      <h4 className="host-angle-title">{label}</h4>
      <p className="host-angle-meta">
        <span className="host-badge angle">{sm.projection[angle.projection]}</span>{' '}
        {source === 'loop' ? sm.sourceLoop : source === 'published' ? sm.sourcePublished : sm.sourceUrl}
      </p>
      <p className="host-angle-url">
        <span className="host-hint">{sm.playlist}</span>
        {/* Without the console's tile grant: the address viewers get once the show is published. */}
        <code>{angle.playlistUrl.replace(/\/~[^/]+\//, '/')}</code>
      </p>
      {source === 'published' && <LiveCommand placeId={placeId} angle={angle} />}
      <form className="host-angle-offset" onSubmit={saveOffset} noValidate>
        <div className="host-field">
          <label htmlFor={`${id}-offset`}>{sm.offset}</label>
          <input
            id={`${id}-offset`}
            type="text"
            inputMode="numeric"
            value={offset}
            onChange={(e) => {
              setOffset(e.target.value);
              setNotice('');
            }}
            aria-invalid={!!offsetError}
            aria-describedby={`${id}-offset-hint${offsetError ? ` ${id}-offset-err` : ''}`}
          />
          <span className="host-hint" id={`${id}-offset-hint`}>
            {sm.offsetHint}
          </span>
          {offsetError && (
            <span className="host-field-error" id={`${id}-offset-err`}>
              {offsetError}
            </span>
          )}
        </div>
        <div className="host-actions">
          <button type="submit" className="host-small" disabled={busy}>
            {sm.saveOffset}
          </button>
          <span role="status" className="host-status">
            {notice}
          </span>
        </div>
      </form>
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <div role="group" aria-labelledby={`${id}-q`} className="host-confirm">
          <p id={`${id}-q`}>{sm.confirmDeleteAngle(label)}</p>
          <div className="host-actions">
            <button type="button" className="danger host-small" onClick={remove} disabled={busy} autoFocus>
              {m.confirmDelete}
            </button>
            <button type="button" className="host-small" onClick={() => setConfirming(false)}>
              {m.keep}
            </button>
          </div>
        </div>
      ) : (
        <div className="host-actions">
          <button type="button" className="danger host-small" onClick={() => setConfirming(true)} aria-label={sm.deleteAngleNamed(label)}>
            {sm.deleteAngle}
          </button>
        </div>
      )}
    </li>
  );
}
