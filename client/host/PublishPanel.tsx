import { useEffect, useState } from 'react';
import type { HostPlace } from '@protocol';
import { onLinkClick } from '../app/router.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { placePatchFor } from './placePatchFor.ts';
import { PublishBadge } from './PublishBadge.tsx';
import { useHostMessages } from './useHostMessages.ts';

/** Publish / unpublish, with what that means; a place without rooms says why it cannot go live. */
export function PublishPanel({ place, onChange }: { place: HostPlace; onChange: (p: HostPlace) => void }) {
  const { m } = useHostMessages();
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
      {error && (
        <p className="host-error" role="alert" id="publish-error">
          {error}
        </p>
      )}
    </div>
  );
}
