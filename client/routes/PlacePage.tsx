import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { formatPrice } from '../app/formatPrice.ts';
import { onLinkClick } from '../app/router.ts';
import { usePlace } from '../app/usePlace.ts';
import { useTitle } from '../app/useTitle.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { FloorPlanMap } from '../tour/FloorPlanMap.tsx';
import { BookVisitButton } from '../booking/BookVisitButton.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { MuseumListing } from '../museum/MuseumListing.tsx';
import { lazy, Suspense } from 'react';
import { listingMessages } from '../i18n/listingMessages.ts';
import { listingFacts } from '../app/listingFacts.ts';
import { ListingMap } from '../app/ListingMap.tsx';
import { AgentCard } from '../app/AgentCard.tsx';
import { addressText, placeText, textIn } from '../i18n/placeText.ts';

// A show's player (hls.js) loads only on a show's page, never on a home's.
const ShowView = lazy(() => import('../show/ShowView.tsx').then((m) => ({ default: m.ShowView })));

export function PlacePage({ placeId }: { placeId: string }) {
  const { t, lang } = useI18n();
  const [place, reload] = usePlace(placeId);
  useTitle(place.state === 'ready' ? placeText(lang, place.data, 'title').text : '');
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
  if (place.state === 'loading')
    return (
      <>
        <Header />
        <LoadingBlock />
      </>
    );
  const p = place.data;
  // A museum's page lists halls, exhibits and the sand table (client/museum).
  if (p.kind === 'museum') return <MuseumListing place={p} />;
  if (p.kind === 'show' && p.show)
    return (
      <Suspense fallback={<><Header /><LoadingBlock /></>}>
        <ShowView place={{ ...p, show: p.show }} />
      </Suspense>
    );
  const lm = listingMessages(lang);
  const facts = listingFacts(lang, lm, p);
  const address = addressText(lang, p);
  const title = placeText(lang, p, 'title');
  const description = placeText(lang, p, 'description');
  const tourHref = (scene?: string) => `/places/${encodeURIComponent(p.id)}/tour${scene ? `?scene=${encodeURIComponent(scene)}` : ''}`;
  return (
    <>
      <Header />
      <main className="page place">
        <p>
          <a href="/" onClick={onLinkClick}>
            ← {t.backToCatalogue}
          </a>
        </p>
        <div className="place-hero">
          <img src={p.coverUrl} alt="" width={640} height={400} />
          <div>
            <h1 lang={title.lang}>{title.text}</h1>
            <p className="meta">
              {t[`kind_${p.kind}`]}
              {address.text && <> · <span lang={address.lang}>{address.text}</span></>}
            </p>
            <p className="price">{formatPrice(lang, p.price, p.currency, t.priceOnRequest)}</p>
            <a className="button primary" href={tourHref()} onClick={onLinkClick}>
              {t.enterTour}
            </a>{' '}
            <BookVisitButton placeId={p.id} className="button" />
          </div>
        </div>
        {facts.length > 0 && (
          <dl className="key-facts" aria-label={lm.keyFacts}>
            {facts.map((f) => (
              <div key={f.key} className={`key-fact kf-${f.key}`} data-testid={`fact-${f.key}`}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <ListingMap place={p} />
        {p.agent && <AgentCard agent={p.agent} id="agent" />}
        <p className="description" lang={description.lang}>{description.text}</p>
        <section aria-labelledby="rooms-h">
          <h2 id="rooms-h">{t.roomsHeading}</h2>
          <div className="rooms-layout">
            <ul className="room-list">
              {p.tour.scenes.map((s) => (
                <li key={s.id}>
                  <a href={tourHref(s.id)} onClick={onLinkClick} lang={textIn(lang, s.name, s.nameZh).lang}>
                    {roomName(lang, s)}
                  </a>
                </li>
              ))}
            </ul>
            {p.tour.floorPlan && (
              <FloorPlanMap
                plan={p.tour.floorPlan}
                scenes={p.tour.scenes}
                label={t.floorPlan}
                hrefFor={(id) => tourHref(id)}
              />
            )}
          </div>
        </section>
      </main>
    </>
  );
}
