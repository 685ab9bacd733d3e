import { useId, useState } from 'react';
import { SHOW_STATUS_NEXT, type Show, type ShowPatch, type ShowStatus } from '@protocol';
import { useHost } from '../HostContext.ts';
import { useShowMessages } from './useShowMessages.ts';

/** The show's status with the buttons that may change it (go live, end, replay), and slow live. */
export function ShowStatusPanel({ placeId, show, onChange }: { placeId: string; show: Show; onChange: (show: Show) => void }) {
  const { sm, lang, describe } = useShowMessages();
  const { api } = useHost();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const noAngles = show.angles.length === 0;
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });

  const send = async (patch: ShowPatch) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.patchShow(placeId, patch);
      onChange(next);
      if (patch.status) setAnnounce(sm.statusNow(sm.status[next.status]));
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };
  // Going live or replaying needs something to watch; the button says why it waits.
  const needsAngle = (to: ShowStatus) => (to === 'live' || to === 'replay') && noAngles;

  return (
    <div className="host-show-status" role="group" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{sm.statusHeading}</h3>
      <p className="host-show-state">
        <span className={`host-badge show-${show.status}`} data-status={show.status}>
          {sm.status[show.status]}
        </span>
        {show.startsAt && <span className="host-hint">{sm.startedAt(when(show.startsAt))}</span>}
        {show.endsAt && show.status !== 'live' && <span className="host-hint">{sm.endedAt(when(show.endsAt))}</span>}
      </p>
      <div className="host-actions">
        {SHOW_STATUS_NEXT[show.status].map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'live' ? 'primary' : to === 'ended' ? 'danger' : undefined}
            disabled={busy || needsAngle(to)}
            aria-describedby={needsAngle(to) ? `${id}-need` : undefined}
            onClick={() => send({ status: to })}
          >
            {sm.action[to]}
          </button>
        ))}
      </div>
      {SHOW_STATUS_NEXT[show.status].some(needsAngle) && (
        <p className="host-hint" id={`${id}-need`}>
          {sm.needAngle}
        </p>
      )}
      <label className="host-check">
        <input type="checkbox" checked={show.slowLive} disabled={busy} onChange={(e) => send({ slowLive: e.target.checked })} /> {sm.slowLive}
      </label>
      <p role="status" className="host-status">
        {announce}
      </p>
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
