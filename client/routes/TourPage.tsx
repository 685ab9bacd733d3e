import { useEffect, useMemo, useState } from 'react';
import type { Place } from '@protocol';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { usePlace } from '../app/usePlace.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { TourView } from '../tour/TourView.tsx';
import { parseTourParams } from '../tour/tourUrl.ts';
import { hasWebGL } from '../tour/hasWebGL.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { StartSessionButton } from '../session/ui/StartSessionButton.tsx';
import { dismissFirstPaint } from '../boot/takeFirstPaint.ts';
import { placeText } from '../i18n/placeText.ts';

/**
 * /places/:id/tour?scene&yaw&pitch&fov — the 360° tour, opened exactly where the link says.
 * `embed`: framed by another site (EmbedPage), without the guided-session start.
 */
export default function TourPage({ placeId, search, embed = false }: { placeId: string; search: string; embed?: boolean }) {
  const { t, lang } = useI18n();
  const [place, reload] = usePlace(placeId);
  // The link is read once: afterwards the tour writes the URL, not the other way round.
  const params = useMemo(() => parseTourParams(search), [placeId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [webgl] = useState(hasWebGL);
  const roomKnown = place.state === 'ready' && (params.rawScene === undefined || place.data.tour.scenes.some((s) => s.id === params.rawScene));
  // The link's first paint (client/boot) is the tour's: anything else this page shows removes it. TourView takes it before this runs.
  const showsTour = place.state === 'ready' && roomKnown && webgl;
  useEffect(() => {
    if (place.state !== 'loading' && !showsTour) dismissFirstPaint();
  }, [place.state, showsTour]);
  useEffect(() => dismissFirstPaint, []);
  if (place.state === 'error' && place.error.status === 404) return <NotFoundPage message={t.notFoundPlace} />;
  if (place.state === 'error')
    return (
      <>
        <Header />
        <main className="page error-state" role="alert">
          <p>{t.loadFailed}</p>
          <button onClick={reload}>{t.retry}</button>
        </main>
      </>
    );
  if (place.state === 'loading') return <LoadingBlock />;
  if (!roomKnown)
    return (
      <NotFoundPage
        message={t.notFoundRoom((params.rawScene ?? '').slice(0, 64))}
        back={{ href: `/places/${encodeURIComponent(placeId)}/tour`, label: t.enterTour }}
      />
    );
  if (!webgl)
    return (
      <>
        <Header />
        <main className="page error-state" role="alert">
          <h1 lang={placeText(lang, place.data, 'title').lang}>{placeText(lang, place.data, 'title').text}</h1>
          <p>{t.noWebgl}</p>
        </main>
      </>
    );
  return <TourWithPlace place={place.data} sceneId={params.sceneId} view={params.view} embed={embed} />;
}

function TourWithPlace({ place, sceneId, view, embed }: { place: Place; sceneId?: string; view: ReturnType<typeof parseTourParams>['view']; embed: boolean }) {
  return <TourView key={place.id} place={place} start={{ sceneId, view }} overlay={embed ? undefined : (tour) => <StartSessionButton placeId={place.id} tour={tour} />} />;
}

