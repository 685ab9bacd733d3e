import { useEffect, useState } from 'react';
import type { HostPlace } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { HostHeading } from './HostHeading.tsx';
import { hostHref } from './parseHostRoute.ts';
import { PublishBadge } from './PublishBadge.tsx';
import { useHostMessages } from './useHostMessages.ts';
import { placeText } from '../i18n/placeText.ts';

/** /host — the host's places: title, kind, rooms, published or draft; and "New place". */
export function PlacesPage() {
  const { m, t, lang } = useHostMessages();
  const { api } = useHost();
  useTitle(m.myPlaces);
  const [places, setPlaces] = useState<HostPlace[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    api.places().then(
      (p) => live && setPlaces(p),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);
  return (
    <>
      <div className="host-titlebar">
        <HostHeading>{m.myPlaces}</HostHeading>
        <a className="button primary" href={hostHref({ page: 'new-place' })} onClick={onLinkClick}>
          + {m.newPlace}
        </a>
      </div>
      {error ? (
        <div className="error-state" role="alert">
          <p>{describeError(m, error)}</p>
          <button type="button" onClick={() => setAttempt((a) => a + 1)}>
            {t.retry}
          </button>
        </div>
      ) : places === null ? (
        <LoadingBlock />
      ) : places.length === 0 ? (
        <p className="empty-state">{m.noPlaces}</p>
      ) : (
        <ul className="host-places" aria-label={m.myPlaces}>
          {places.map((p) => (
            <li key={p.id} className="host-place-card">
              {p.coverUrl ? <img src={p.coverUrl} alt="" width={160} height={100} loading="lazy" /> : <div className="host-place-nocover" aria-hidden="true" />}
              <div className="host-place-body">
                <h2>
                  <a href={hostHref({ page: 'place', placeId: p.id })} onClick={onLinkClick} lang={placeText(lang, p, 'title').lang}>
                    {placeText(lang, p, 'title').text}
                  </a>
                </h2>
                <p className="meta">
                  {t[`kind_${p.kind}`]}
                  {placeText(lang, p, 'city').text && ` · ${placeText(lang, p, 'city').text}`} · {t.rooms(p.rooms)}
                </p>
                <PublishBadge published={p.published} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
