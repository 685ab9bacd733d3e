import type { Exhibit, HostPlace } from '@protocol';
import { LoadingBlock } from '../../app/LoadingBlock.tsx';
import { onLinkClick } from '../../app/router.ts';
import { useTitle } from '../../app/useTitle.ts';
import { describeError } from '../describeError.ts';
import { HostNotFound } from '../HostNotFound.tsx';
import { hostHref } from '../parseHostRoute.ts';
import { useHostPlace } from '../useHostPlace.ts';
import { ExhibitEditor } from './ExhibitEditor.tsx';
import { exhibitTitle } from './exhibitTitle.ts';
import { useMuseumMessages } from './useMuseumMessages.ts';

/** /host/places/:id/exhibits/:exhibitId — one exhibit's fields, info points and placement. */
export function ExhibitEditorPage({ placeId, exhibitId }: { placeId: string; exhibitId: string }) {
  const { m, mm, t, lang } = useMuseumMessages();
  const { place, reload, set } = useHostPlace(placeId);
  const exhibit = place.state === 'ready' ? place.data.exhibits?.find((e) => e.id === exhibitId) : undefined;
  useTitle(exhibit ? exhibitTitle(exhibit, lang) : m.consoleTitle);
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
  if (!exhibit) return <HostNotFound message={mm.exhibitNotFound} />;
  // A save answers with the exhibit: put it into the place so the page needs no second request.
  const onSaved = (saved: Exhibit) => set(withExhibit(p, saved));
  return (
    <>
      <p className="host-crumbs">
        <a href={hostHref({ page: 'place', placeId: p.id })} onClick={onLinkClick}>
          ← {mm.backToPlace(p.title)}
        </a>
      </p>
      <ExhibitEditor key={exhibit.id} place={p} exhibit={exhibit} onSaved={onSaved} />
    </>
  );
}

function withExhibit(place: HostPlace, e: Exhibit): HostPlace {
  return { ...place, exhibits: (place.exhibits ?? []).map((x) => (x.id === e.id ? e : x)) };
}
