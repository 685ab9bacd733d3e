import { useState } from 'react';
import type { HostPlace } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { navigate, onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { HostHeading } from './HostHeading.tsx';
import { HostNotFound } from './HostNotFound.tsx';
import { hostHref } from './parseHostRoute.ts';
import { placeFormValues } from './placeForm.ts';
import { PlaceForm } from './PlaceForm.tsx';
import { PublishPanel } from './PublishPanel.tsx';
import { RoomList } from './RoomList.tsx';
import { RoomUploader } from './RoomUploader.tsx';
import { useHostMessages } from './useHostMessages.ts';
import { useHostPlace } from './useHostPlace.ts';
import { BOOKING_MESSAGES } from '../i18n/bookingMessages.ts';
import { ExhibitsSection } from './museum/ExhibitsSection.tsx';
import { ShowSection } from './show/ShowSection.tsx';

/** /host/places/:id — publish, rooms (upload, rename, delete, start, cover), the listing, delete. */
export function PlaceEditorPage({ placeId }: { placeId: string }) {
  const { m, t, lang } = useHostMessages();
  const { api } = useHost();
  const { place, reload, set } = useHostPlace(placeId);
  useTitle(place.state === 'ready' ? place.data.title : m.consoleTitle);
  if (place.state === 'loading') return <LoadingBlock />;
  if (place.state === 'error') {
    if (place.error.status === 404) return <HostNotFound message={m.placeNotFound} />;
    return (
      <div className="error-state" role="alert">
        <p>{describeError(m, place.error)}</p>
        <button type="button" onClick={reload}>
          {t.retry}
        </button>
      </div>
    );
  }
  const p = place.data;
  return (
    <>
      <p className="host-crumbs">
        <a href={hostHref({ page: 'places' })} onClick={onLinkClick}>
          ← {m.backToPlaces}
        </a>
      </p>
      <div className="host-titlebar">
        <HostHeading>{p.title}</HostHeading>
        <a className="button" href={hostHref({ page: 'floorplan', placeId: p.id })} onClick={onLinkClick}>
          {m.floorPlanLink}
        </a>
        <a className="button" href={hostHref({ page: 'booking', placeId: p.id, tab: 'checkin' })} onClick={onLinkClick}>
          {BOOKING_MESSAGES[lang].bookingsNav}
        </a>
      </div>

      <section className="host-section" aria-labelledby="publish-h">
        <h2 id="publish-h">{m.publishing}</h2>
        <PublishPanel place={p} onChange={set} />
      </section>

      {p.kind === 'show' && <ShowSection place={p} onChange={set} onWithdrawn={reload} />}

      <section className="host-section" aria-labelledby="rooms-h">
        <h2 id="rooms-h">{m.roomsHeading}</h2>
        <RoomUploader placeId={p.id} onUploaded={reload} />
        <RoomList place={p} onChange={set} onDeleted={reload} />
      </section>

      {p.kind === 'museum' && <ExhibitsSection place={p} onChanged={reload} />}

      <section className="host-section" aria-labelledby="listing-h">
        <h2 id="listing-h">{m.listing}</h2>
        <PlaceForm
          initial={placeFormValues(p)}
          submitLabel={m.save}
          busyLabel={m.saving}
          onSubmit={async (body) => set(await api.patchPlace(p.id, body))}
        />
      </section>

      <DeletePlace place={p} />
    </>
  );
}

/** Deleting a place asks first, in the page (a browser dialog is easy to click through). */
function DeletePlace({ place }: { place: HostPlace }) {
  const { m } = useHostMessages();
  const { api } = useHost();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deletePlace(place.id);
      navigate(hostHref({ page: 'places' }), true);
    } catch (e) {
      setError(describeError(m, e));
      setBusy(false);
    }
  };
  return (
    <section className="host-section host-danger" aria-labelledby="danger-h">
      <h2 id="danger-h">{m.dangerZone}</h2>
      {confirming ? (
        <div role="group" aria-labelledby="danger-q">
          <p id="danger-q">{m.confirmDeletePlace(place.title)}</p>
          <div className="host-actions">
            <button type="button" className="danger" onClick={remove} disabled={busy} autoFocus>
              {m.confirmDelete}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {m.keep}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {m.deletePlace}
        </button>
      )}
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
