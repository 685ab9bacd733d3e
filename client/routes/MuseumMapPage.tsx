import { useMemo, useState } from 'react';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { navigate, onLinkClick } from '../app/router.ts';
import { usePlace } from '../app/usePlace.ts';
import { useTitle } from '../app/useTitle.ts';
import { museumMessages } from '../i18n/museumMessages.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { exhibitHref } from '../museum/exhibitHref.ts';
import { exhibitTitle } from '../museum/exhibitTitle.ts';
import { mapHref } from '../museum/mapHref.ts';
import { MuseumMap } from '../museum/MuseumMap.tsx';
import { MAP_BUDGETS, parseMapSearch } from '../museum/parseMapSearch.ts';
import { planMuseumRoute } from '../museum/planMuseumRoute.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { placeText } from '../i18n/placeText.ts';

/**
 * The map guide (`/places/:id/map`): the museum map, "you are here" (picked, or `?at=<exhibit>`
 * from the QR code at an exhibit via its page), a suggested walk for the time you have
 * (`?minutes=30|60|90`) drawn on the map and listed for screen readers. The query is the state,
 * so a picked route is a link you can share.
 */
export default function MuseumMapPage({ placeId, search }: { placeId: string; search: string }) {
  const { t, lang } = useI18n();
  const m = museumMessages(lang);
  const [place, reload] = usePlace(placeId);
  const [picking, setPicking] = useState(false);
  const p = place.state === 'ready' ? place.data : null;
  useTitle(p ? m.mapTitle(placeText(lang, p, 'title').text) : m.mapGuide);
  const query = useMemo(
    () => parseMapSearch(search, { exhibits: (p?.exhibits ?? []).filter((e) => e.map).map((e) => e.id), halls: p?.tour.scenes.map((s) => s.id) ?? [] }),
    [search, p],
  );
  const route = useMemo(() => (p ? planMuseumRoute(p, query) : null), [p, query]);
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
  if (!p || !route)
    return (
      <>
        <Header />
        <LoadingBlock />
      </>
    );
  const back = (
    <p>
      <a href={`/places/${encodeURIComponent(p.id)}`} onClick={onLinkClick}>
        ← {m.backToMuseum}
      </a>
    </p>
  );
  if (p.kind !== 'museum' || !p.tour.floorPlan)
    return (
      <>
        <Header />
        <main className="page museum-map-page">
          {back}
          <h1>{m.mapTitle(placeText(lang, p, 'title').text)}</h1>
          <p className="empty-state">{p.kind !== 'museum' ? m.notMuseum : m.noMap}</p>
        </main>
      </>
    );
  const exhibits = p.exhibits ?? [];
  const byId = new Map(exhibits.map((e) => [e.id, e]));
  const go = (next: { at?: string; hall?: string; minutes?: number }) => navigate(mapHref(p.id, next), true);
  const at = query.start && 'exhibitId' in query.start ? query.start.exhibitId : undefined;
  const hall = query.start && 'hallId' in query.start ? query.start.hallId : undefined;
  const hallName = (id: string) => {
    const s = p.tour.scenes.find((x) => x.id === id);
    return s ? roomName(lang, s) : id;
  };
  const where = at ? exhibitTitle(lang, byId.get(at)!) : hall ? hallName(hall) : null;
  const placed = exhibits.filter((e) => e.map);
  const walk = Math.ceil(route.walkMinutes);
  const visit = Math.round(route.visitMinutes);
  return (
    <>
      <Header />
      <main className="page museum-map-page">
        {back}
        <h1>{m.mapTitle(placeText(lang, p, 'title').text)}</h1>
        <p className="here-status" aria-live="polite">
          {where ? m.youAreAt(where) : m.startsAtEntrance(hallName(p.tour.startScene))}
        </p>
        <div className="museum-map-layout">
          <MuseumMap
            place={p}
            route={route}
            here={query.start}
            picking={picking}
            onPickHall={(id) => {
              setPicking(false);
              go({ hall: id, minutes: query.minutes });
            }}
            onPickExhibit={(id) => {
              setPicking(false);
              go({ at: id, minutes: query.minutes });
            }}
          />
          <div className="map-controls">
            <label className="where">
              {m.whereAreYou}{' '}
              <select
                value={at ? `e:${at}` : hall ? `h:${hall}` : ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  go(v.startsWith('e:') ? { at: v.slice(2), minutes: query.minutes } : v.startsWith('h:') ? { hall: v.slice(2), minutes: query.minutes } : { minutes: query.minutes });
                }}
              >
                <option value="">{m.entrance(hallName(p.tour.startScene))}</option>
                <optgroup label={m.halls}>
                  {p.tour.scenes.map((s) => (
                    <option key={s.id} value={`h:${s.id}`}>
                      {roomName(lang, s)}
                    </option>
                  ))}
                </optgroup>
                {placed.length > 0 && (
                  <optgroup label={m.exhibits}>
                    {placed.map((e) => (
                      <option key={e.id} value={`e:${e.id}`}>
                        {exhibitTitle(lang, e)}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </label>
            <button type="button" aria-pressed={picking} onClick={() => setPicking(!picking)}>
              {picking ? m.pickOnMapOn : m.pickOnMap}
            </button>
            <fieldset className="budgets">
              <legend>{m.timeYouHave}</legend>
              {[undefined, ...MAP_BUDGETS].map((b) => (
                <label key={b ?? 'all'}>
                  <input type="radio" name="budget" checked={query.minutes === b} onChange={() => go({ at, hall, minutes: b })} />
                  {b ? m.budget(b) : m.allExhibits}
                </label>
              ))}
            </fieldset>
          </div>
        </div>
        <section aria-labelledby="route-h" className="route">
          <h2 id="route-h">{m.route}</h2>
          <p className="route-summary" aria-live="polite">
            {placed.length === 0 ? m.routeNone : route.stops.length === 0 ? m.routeEmpty : m.routeSummary(route.stops.length, walk, visit, Math.ceil(route.totalMinutes))}
          </p>
          {route.stops.length > 0 && (
            <ol className="route-stops">
              {route.stops.map((s, i) => {
                const e = byId.get(s.exhibitId)!;
                return (
                  <li key={s.exhibitId}>
                    <a href={exhibitHref(p.id, e.id)} onClick={onLinkClick}>
                      {m.stop(i + 1, exhibitTitle(lang, e))}
                    </a>
                    <span className="meta"> — {i === 0 && route.startExhibitId === s.exhibitId ? m.stopHere(Math.round(s.visitMinutes)) : m.stopTimes(Math.round(s.walkMetres), Math.round(s.visitMinutes))}</span>
                  </li>
                );
              })}
            </ol>
          )}
          {route.skipped.length > 0 && (
            <>
              <p className="meta">{m.skipped(route.skipped.length)}</p>
              <ul className="route-skipped">
                {route.skipped.map((id) => (
                  <li key={id}>
                    <a href={exhibitHref(p.id, id)} onClick={onLinkClick}>
                      {exhibitTitle(lang, byId.get(id)!)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </main>
    </>
  );
}
