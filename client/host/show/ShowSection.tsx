import { useState } from 'react';
import { SHOW_ANGLES_MAX, type HostPlace, type Show } from '@protocol';
import { useHost } from '../HostContext.ts';
import { AngleForm } from './AngleForm.tsx';
import { AngleList } from './AngleList.tsx';
import { ShowScheduleForm } from './ShowScheduleForm.tsx';
import { ShowStatusPanel } from './ShowStatusPanel.tsx';
import { useShowMessages } from './useShowMessages.ts';
import './hostShow.css';

/**
 * A show place's editor section: create the show, its status (go live, end, replay), its
 * angles (add, offset, delete). Every change answers with the whole show, which replaces the
 * page's copy; a show that loses its last angle is withdrawn by the server, so the place is
 * fetched again to show that.
 */
export function ShowSection({ place, onChange, onWithdrawn }: { place: HostPlace; onChange: (p: HostPlace) => void; onWithdrawn: () => void }) {
  const { sm, describe } = useShowMessages();
  const { api } = useHost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const show = place.show;
  const update = (next: Show) => {
    if (place.published && next.angles.length === 0 && place.tour.scenes.length === 0) onWithdrawn();
    else onChange({ ...place, show: next });
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      update(await api.putShow(place.id));
    } catch (e) {
      setError(describe(e));
      setBusy(false);
    }
  };

  return (
    <section className="host-section host-show" aria-labelledby="show-h">
      <h2 id="show-h">{sm.showHeading}</h2>
      <p className="host-lede">{sm.showLede}</p>
      {!show ? (
        <>
          <p>{sm.noShowYet}</p>
          <button type="button" className="primary" onClick={create} disabled={busy}>
            {busy ? sm.creating : sm.createShow}
          </button>
        </>
      ) : (
        <>
          <ShowStatusPanel placeId={place.id} show={show} onChange={update} />
          {/* Keyed by the status: going live or ending stamps the schedule, which refills the form. */}
          <ShowScheduleForm key={show.status} placeId={place.id} show={show} onChange={update} />
          <div className="host-titlebar">
            <h3 id="angles-h">{sm.anglesHeading}</h3>
            <span className="host-hint">{sm.anglesCount(show.angles.length, SHOW_ANGLES_MAX)}</span>
          </div>
          <AngleList placeId={place.id} show={show} onChange={update} />
          {show.angles.length < SHOW_ANGLES_MAX ? <AngleForm placeId={place.id} onAdded={update} /> : <p className="host-notice">{sm.full(SHOW_ANGLES_MAX)}</p>}
        </>
      )}
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
