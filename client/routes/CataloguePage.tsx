import { useEffect, useState } from 'react';
import type { PlaceSummary } from '@protocol';
import { fetchPlaces } from '../app/api.ts';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { formatPrice } from '../app/formatPrice.ts';
import { onLinkClick } from '../app/router.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { useTitle } from '../app/useTitle.ts';
import { listingFacts } from '../app/listingFacts.ts';
import { listingMessages } from '../i18n/listingMessages.ts';
import { placeText } from '../i18n/placeText.ts';

export function CataloguePage() {
  const { t, lang } = useI18n();
  const lm = listingMessages(lang);
  const [places, setPlaces] = useState<PlaceSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useTitle(t.catalogueTitle);
  useEffect(() => {
    const ctrl = new AbortController();
    setFailed(false);
    fetchPlaces(ctrl.signal).then(setPlaces, (e) => (e as Error).name !== 'AbortError' && setFailed(true));
    return () => ctrl.abort();
  }, [attempt]);
  return (
    <>
      <Header />
      <main className="page">
        <h1>{t.catalogueTitle}</h1>
        <p className="lede">{t.tagline}</p>
        {failed ? (
          <div className="error-state" role="alert">
            <p>{t.loadFailed}</p>
            <button onClick={() => setAttempt((a) => a + 1)}>{t.retry}</button>
          </div>
        ) : places === null ? (
          <LoadingBlock />
        ) : places.length === 0 ? (
          <p className="empty-state">{t.catalogueEmpty}</p>
        ) : (
          <ul className="cards">
            {places.map((p) => (
              <li key={p.id} className="card">
                <a href={`/places/${encodeURIComponent(p.id)}`} onClick={onLinkClick}>
                  {/* A show with no room has no still yet: a plain tile, not a broken image. */}
                  {p.coverUrl ? <img src={p.coverUrl} alt="" loading="lazy" width={640} height={400} /> : <div className="card-nocover" aria-hidden="true" />}
                  <div className="card-body">
                    {(() => {
                      const title = placeText(lang, p, 'title');
                      return <h2 lang={title.lang}>{title.text}</h2>;
                    })()}
                    <p className="meta">
                      <span className="kind">{t[`kind_${p.kind}`]}</span>
                      {(() => {
                        const city = placeText(lang, p, 'city');
                        return city.text && <> · <span lang={city.lang}>{city.text}</span></>;
                      })()}
                      {/* A show is watched, not walked through: its rooms (a venue's halls) count only when it has some. */}
                      {(p.kind !== 'show' || p.rooms > 0) && <> · {t.rooms(p.rooms)}</>}
                    </p>
                    {/* The line a buyer compares cards by (2室1厅 · 90 m² · 15/28层): only the facts the agent gave. */}
                    {(() => {
                      const line = listingFacts(lang, lm, p)
                        .filter((f) => f.key === 'layout' || f.key === 'area' || f.key === 'floor')
                        .map((f) => (f.key === 'floor' ? lm.floorCard(p.facts?.floor, p.facts?.totalFloors) : f.value));
                      return line.length > 0 && <p className="card-facts">{line.join(' · ')}</p>;
                    })()}
                    <p className="price">{formatPrice(lang, p.price, p.currency, t.priceOnRequest)}</p>
                  </div>
                </a>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
