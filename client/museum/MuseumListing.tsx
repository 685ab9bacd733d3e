import type { Exhibit, Place } from '@protocol';
import { Header } from '../app/Header.tsx';
import { formatPrice } from '../app/formatPrice.ts';
import { onLinkClick } from '../app/router.ts';
import { BookVisitButton } from '../booking/BookVisitButton.tsx';
import { StartSessionButton } from '../session/ui/StartSessionButton.tsx';
import { museumMessages } from '../i18n/museumMessages.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { exhibitHref } from './exhibitHref.ts';
import { exhibitTitle } from './exhibitTitle.ts';
import { mapHref } from './mapHref.ts';
import { placeText } from '../i18n/placeText.ts';

/**
 * A museum's page (`/places/:id`, kind 'museum'): its halls (each opens the 360° tour there),
 * the site model (the sand table) set apart, every exhibit as a card linking to its 3D page,
 * the map guide and timed-entry booking.
 */
export function MuseumListing({ place: p }: { place: Place }) {
  const { t, lang } = useI18n();
  const m = museumMessages(lang);
  const exhibits = p.exhibits ?? [];
  const site = exhibits.find((e) => e.role === 'site');
  const others = exhibits.filter((e) => e !== site);
  const tourHref = (scene?: string) => `/places/${encodeURIComponent(p.id)}/tour${scene ? `?scene=${encodeURIComponent(scene)}` : ''}`;
  const hallOf = (e: Exhibit) => (e.hall ? p.tour.scenes.find((s) => s.id === e.hall?.sceneId) : undefined);
  const hasMap = !!p.tour.floorPlan && exhibits.some((e) => e.map);
  return (
    <>
      <Header />
      <main className="page place museum">
        <p>
          <a href="/" onClick={onLinkClick}>
            ← {t.backToCatalogue}
          </a>
        </p>
        <div className="place-hero">
          <img src={p.coverUrl} alt="" width={640} height={400} />
          <div>
            <h1 lang={placeText(lang, p, 'title').lang}>{placeText(lang, p, 'title').text}</h1>
            <p className="meta">
              {t.kind_museum} · <span lang={placeText(lang, p, 'city').lang}>{placeText(lang, p, 'city').text}</span>
            </p>
            {p.price != null && <p className="price">{formatPrice(lang, p.price, p.currency, t.priceOnRequest)}</p>}
            <p className="museum-actions">
              <BookVisitButton placeId={p.id} kind="museum" className="button primary" />
              {hasMap && (
                <a className="button" href={mapHref(p.id)} onClick={onLinkClick}>
                  {m.mapGuide}
                </a>
              )}
              {/* A museum open with its exhibits alone has no hall to enter (its tour link would be a 404). */}
              {p.tour.scenes.length > 0 && (
                <a className="button" href={tourHref()} onClick={onLinkClick}>
                  {m.enterHalls}
                </a>
              )}
            </p>
            {/* A signed-in host (docent): the group starts in the first hall, or on the first exhibit when there are no halls. */}
            <StartSessionButton placeId={p.id} inline />
          </div>
        </div>
        <dl className="facts">
          <dt>{t.address}</dt>
          <dd lang={placeText(lang, p, 'address').lang}>{placeText(lang, p, 'address').text}</dd>
        </dl>
        <p className="description" lang={placeText(lang, p, 'description').lang}>{placeText(lang, p, 'description').text}</p>
        {site && (
          <section className="site-model" aria-labelledby="site-h">
            <a href={exhibitHref(p.id, site.id)} onClick={onLinkClick}>
              <img src={site.posterUrl} alt="" width={480} height={300} loading="lazy" />
              <span className="site-model-body">
                <span className="badge">{m.siteModel}</span>
                <h2 id="site-h">{exhibitTitle(lang, site)}</h2>
                <span className="meta">{m.siteModelLede}</span>
                <span className="site-model-go">{m.exploreSite(exhibitTitle(lang, site))} →</span>
              </span>
            </a>
          </section>
        )}
        <section aria-labelledby="exhibits-h">
          <h2 id="exhibits-h">{m.exhibits}</h2>
          {exhibits.length === 0 ? (
            <p className="empty-state">{m.noExhibits}</p>
          ) : (
            <ul className="cards exhibit-cards">
              {[...(site ? [site] : []), ...others].map((e) => {
                const hall = hallOf(e);
                return (
                  <li key={e.id} className={e.role === 'site' ? 'card exhibit-card site' : 'card exhibit-card'}>
                    <a href={exhibitHref(p.id, e.id)} onClick={onLinkClick}>
                      <img src={e.posterUrl} alt="" width={320} height={200} loading="lazy" />
                      <div className="card-body">
                        <h3>{exhibitTitle(lang, e)}</h3>
                        <p className="meta">
                          {e.role === 'site' && <span className="badge">{m.siteModel}</span>} {hall ? m.inHall(roomName(lang, hall)) : ''}
                          {hall ? ' · ' : ''}
                          {m.aboutMinutes(Math.round(e.minutes))}
                        </p>
                      </div>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section aria-labelledby="halls-h">
          <h2 id="halls-h">{m.halls}</h2>
          {p.tour.scenes.length === 0 ? (
            <p className="empty-state">{m.noHalls}</p>
          ) : (
            <ul className="hall-list">
              {p.tour.scenes.map((s) => {
                const n = exhibits.filter((e) => e.hall?.sceneId === s.id).length;
                return (
                  <li key={s.id}>
                    <a href={tourHref(s.id)} onClick={onLinkClick} aria-label={m.enterHall(roomName(lang, s))}>
                      {roomName(lang, s)}
                    </a>{' '}
                    <span className="meta">{m.hallExhibits(n)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
