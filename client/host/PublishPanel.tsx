import { useEffect, useState } from 'react';
import { unreachableRooms, type HostPlace } from '@protocol';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { onLinkClick } from '../app/router.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { placePatchFor } from './placePatchFor.ts';
import { PublishBadge } from './PublishBadge.tsx';
import { useHostMessages } from './useHostMessages.ts';

/** Publish / unpublish, with what that means; a place without rooms says why it cannot go live. */
export function PublishPanel({ place, onChange }: { place: HostPlace; onChange: (p: HostPlace) => void }) {
  const { m } = useHostMessages();
  const { lang } = useI18n();
  const lost = place.kind === 'show' ? [] : unreachableRooms(place.tour);
  const { api } = useHost();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // "Upload a room first" no longer applies once one is uploaded.
  const rooms = place.tour.scenes.length;
  useEffect(() => setError(null), [rooms]);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await api.patchPlace(place.id, placePatchFor(place, { published: !place.published })));
    } catch (e) {
      setError(describeError(m, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="host-publish">
      <p className="host-publish-state">
        <PublishBadge published={place.published} />
        <span>{place.published ? m.publishedNote : m.draftNote}</span>
      </p>
      <div className="host-actions">
        <button type="button" className={place.published ? '' : 'primary'} onClick={toggle} disabled={busy} aria-describedby={error ? 'publish-error' : undefined}>
          {place.published ? m.unpublish : m.publish}
        </button>
        {place.published && (
          <a href={`/places/${encodeURIComponent(place.id)}`} onClick={onLinkClick}>
            {m.viewPublic}
          </a>
        )}
      </div>
      {lost.length > 0 && (
        <div className="host-warning" role="status" data-testid="unreachable-rooms">
          <p>{m.unreachableRooms(lost.length)}</p>
          <ul>
            {lost.map((id) => {
              const room = place.tour.scenes.find((s) => s.id === id)!;
              const from = nearestReachable(place, id, lost);
              return (
                <li key={id}>
                  {from ? (
                    <a href={`/host/places/${encodeURIComponent(place.id)}/rooms/${encodeURIComponent(from.id)}`} onClick={onLinkClick}>
                      {m.addDoorTo(roomName(lang, room), roomName(lang, from))}
                    </a>
                  ) : (
                    roomName(lang, room)
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {error && (
        <p className="host-error" role="alert" id="publish-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The reachable room nearest on the plan to an unreachable one: where its door most likely belongs. */
function nearestReachable(place: HostPlace, id: string, lost: readonly string[]) {
  const room = place.tour.scenes.find((s) => s.id === id)!;
  const d = (s: (typeof place.tour.scenes)[number]) => Math.hypot(s.floor.x - room.floor.x, s.floor.y - room.floor.y);
  return place.tour.scenes.filter((s) => !lost.includes(s.id)).sort((a, b) => d(a) - d(b))[0];
}
