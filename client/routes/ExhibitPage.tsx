import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Exhibit, InfoPoint } from '@protocol';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { onLinkClick } from '../app/router.ts';
import { usePlace } from '../app/usePlace.ts';
import { useTitle } from '../app/useTitle.ts';
import { exhibitMessages, localised, type ModelFailure } from '../i18n/exhibitMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { museumMessages } from '../i18n/museumMessages.ts';
import { ExhibitController } from '../model/ExhibitController.ts';
import { EraControl } from '../model/EraControl.tsx';
import { hiddenNodesAtEra } from '../model/hiddenNodesAtEra.ts';
import { ModelHttpError } from '../model/loadExhibitModel.ts';
import { deviceHints, pickRendition } from '../model/pickRendition.ts';
import { ExhibitScene } from '../scene/ExhibitScene.tsx';
import { ArExhibitButton } from '../scene/ArExhibitButton.tsx';
import { StartSessionButton } from '../session/ui/StartSessionButton.tsx';
import { hasWebGL } from '../tour/hasWebGL.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import '../model/exhibit.css';
import { placeText } from '../i18n/placeText.ts';

/**
 * A museum's exhibit in the 3D viewer (/places/:id/exhibits/:exhibitId): the model with a
 * progress bar while it streams (the poster under it until the first frame), orbit, reset,
 * keys, the numbered info points and their panel. `?point=<id>` opens a point, and the
 * address follows the open point so it can be shared.
 */
export default function ExhibitPage({ placeId, exhibitId, search }: { placeId: string; exhibitId: string; search: string }) {
  const { t, lang } = useI18n();
  const m = exhibitMessages(lang);
  const [place, reload] = usePlace(placeId);
  const exhibit = place.state === 'ready' ? place.data.exhibits?.find((e) => e.id === exhibitId) : undefined;
  useTitle(exhibit ? localised(lang, exhibit.title, exhibit.titleZh) : '');
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
  const museumHref = `/places/${encodeURIComponent(place.data.id)}`;
  const back = { href: museumHref, label: m.backTo(placeText(lang, place.data, 'title').text) };
  if (!exhibit) return <NotFoundPage message={m.notFoundExhibit} back={back} />;
  return <ExhibitView key={exhibit.id} placeId={place.data.id} exhibit={exhibit} exhibits={place.data.exhibits ?? []} back={back} search={search} />;
}

type Load = { state: 'loading'; progress: number } | { state: 'decoding' } | { state: 'ready' } | { state: 'error'; why: ModelFailure };

function ExhibitView({ placeId, exhibit, exhibits, back, search }: { placeId: string; exhibit: Exhibit; exhibits: Exhibit[]; back: { href: string; label: string }; search: string }) {
  const { t, lang } = useI18n();
  const m = exhibitMessages(lang);
  const title = localised(lang, exhibit.title, exhibit.titleZh);
  const controller = useMemo(() => {
    performance.mark('vantage:exhibit:view');
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const c = new ExhibitController({ bounds: exhibit.bounds, infoPoints: exhibit.infoPoints, aspect: window.innerWidth / Math.max(1, window.innerHeight * 0.6), flightMs: reduced ? 0 : 900 });
    // A deep link opens its point where the camera starts: no flight from the home view first.
    // The address is read once, here; afterwards the page writes it.
    const id = new URLSearchParams(search).get('point');
    const p = id ? exhibit.infoPoints.find((q) => q.id === id) : undefined;
    if (p) {
      c.setActiveInfoPoint(p.id, false);
      c.setCamera(c.frameInfoPoint(p));
    }
    return c;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [exhibit]);
  useEffect(() => () => controller.dispose(), [controller]);
  const rendition = useMemo(() => pickRendition(exhibit, deviceHints()), [exhibit]);
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>({ state: 'loading', progress: 0 });
  const [flying, setFlying] = useState(false);
  const [active, setActive] = useState<string | null>(controller.activeInfoPoint);
  const webgl = useMemo(() => hasWebGL(), []);
  // A site model's era (`?era=<id>`, read once like `?point`): later eras' buildings are hidden; null shows all.
  const eras = useMemo(() => [...(exhibit.eras ?? [])].sort((a, b) => a.year - b.year), [exhibit]);
  const [eraId, setEraId] = useState<string | null>(() => {
    const id = new URLSearchParams(search).get('era');
    return eras.some((e) => e.id === id) ? id : null;
  });
  const hiddenNodes = useMemo(() => hiddenNodesAtEra(eras, eraId), [eras, eraId]);
  const chooseEra = (id: string | null) => {
    setEraId(id);
    const url = new URL(location.href);
    if (id) url.searchParams.set('era', id);
    else url.searchParams.delete('era');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  };


  // The page follows the controller (flights, the open point), and the address follows the open point.
  useEffect(
    () =>
      controller.onChange((c) => {
        setFlying(c.flying);
        setActive(c.activeInfoPoint);
        const url = new URL(location.href);
        if ((url.searchParams.get('point') ?? null) === c.activeInfoPoint) return;
        if (c.activeInfoPoint) url.searchParams.set('point', c.activeInfoPoint);
        else url.searchParams.delete('point');
        history.replaceState(history.state, '', url.pathname + url.search + url.hash);
      }),
    [controller],
  );

  const onProgress = useCallback((f: number) => setLoad((l) => (l.state === 'loading' ? (f >= 1 ? { state: 'decoding' } : { state: 'loading', progress: f }) : l)), []);
  const onError = useCallback((e: Error) => setLoad({ state: 'error', why: e instanceof ModelHttpError ? { kind: 'http', status: e.status } : e instanceof TypeError ? { kind: 'network' } : { kind: 'decode' } }), []);
  const onFirstFrame = useCallback(() => setLoad((l) => (l.state === 'error' ? l : { state: 'ready' })), []);
  const retry = () => {
    setLoad({ state: 'loading', progress: 0 });
    setAttempt((a) => a + 1);
  };
  const open = (id: string | null) => controller.setActiveInfoPoint(id);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (controller.handleKey(e.key)) e.preventDefault();
  };

  const point = exhibit.infoPoints.find((p) => p.id === active);
  const pointIndex = point ? exhibit.infoPoints.indexOf(point) : -1;
  const pointLabels = exhibit.infoPoints.map((p, i) => m.openPoint(i + 1, localised(lang, p.title, p.titleZh)));
  const percent = load.state === 'loading' ? Math.round(load.progress * 100) : 100;
  const description = localised(lang, exhibit.description, exhibit.descriptionZh);

  return (
    <>
      <Header />
      <main className="page exhibit-page">
        <p className="exhibit-back">
          <a href={back.href} onClick={onLinkClick}>
            ← {back.label}
          </a>
          {/* The QR code at an exhibit opens this page: its map link marks "you are here" there. */}
          {exhibit.map && (
            <>
              {' · '}
              <a className="exhibit-map-link" href={`${back.href}/map?at=${encodeURIComponent(exhibit.id)}`} onClick={onLinkClick}>
                {museumMessages(lang).mapHere}
              </a>
            </>
          )}
        </p>
        <h1>{title}</h1>
        {/* A signed-in host (docent) starts a guided session with the group on this exhibit. */}
        <StartSessionButton placeId={placeId} exhibitId={exhibit.id} inline />
        <section
          className="exhibit-stage"
          aria-label={m.viewer(title)}
          aria-describedby="exhibit-help"
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-status={load.state}
          data-flying={flying ? '1' : '0'}
          data-rendition={rendition.phone ? 'phone' : 'full'}
        >
          {load.state !== 'ready' && <img className="exhibit-poster" src={exhibit.posterUrl} alt="" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />}
          {webgl && load.state !== 'error' && (
            <ExhibitScene
              key={attempt}
              exhibit={exhibit}
              url={rendition.url}
              expectedBytes={rendition.bytes}
              controller={controller}
              pointLabels={pointLabels}
              onProgress={onProgress}
              onError={onError}
              onFirstFrame={onFirstFrame}
              onOpenPoint={open}
              hiddenNodes={eras.length > 0 ? hiddenNodes : undefined}
            />
          )}
          {(load.state === 'loading' || load.state === 'decoding') && webgl && (
            <div className="exhibit-progress">
              <div className="exhibit-progress-bar" role="progressbar" aria-label={m.loadingModel} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={load.state === 'decoding' ? m.preparingModel : `${percent} %`}>
                <div className="exhibit-progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
              </div>
              <span aria-hidden="true">{load.state === 'decoding' ? m.preparingModel : m.loadingModel}</span>
            </div>
          )}
          {!webgl && (
            <p className="exhibit-error" role="alert">
              {t.noWebgl}
            </p>
          )}
          {load.state === 'error' && (
            <div className="exhibit-error" role="alert">
              <p>{m.modelFailed(load.why)}</p>
              <button type="button" onClick={retry}>
                {t.retry}
              </button>
            </div>
          )}
          {load.state !== 'error' && webgl && (
            <button type="button" className="exhibit-reset" onClick={() => controller.reset()}>
              {m.reset}
            </button>
          )}
        </section>
        {eras.length > 0 && <EraControl eras={eras} eraId={eraId} onChoose={chooseEra} />}
        <p id="exhibit-help" className="exhibit-help">
          {m.viewerHelp}
          {rendition.phone ? ` ${m.lighterModel}` : ''}
        </p>
        {/* "View in AR" (issue 16, AR): filled by the AR work, beside the viewer. */}
        <div data-ar-slot="" data-exhibit-id={exhibit.id}>
          <ArExhibitButton exhibit={exhibit} exhibits={exhibits} />
        </div>
        {point && <InfoPanel point={point} n={pointIndex + 1} onClose={() => open(null)} />}
        <section className="exhibit-points-list" aria-labelledby="exhibit-points-heading">
          <h2 id="exhibit-points-heading">{m.infoPoints}</h2>
          {exhibit.infoPoints.length === 0 ? (
            <p>{m.noInfoPoints}</p>
          ) : (
            <ol>
              {exhibit.infoPoints.map((p, i) => (
                <li key={p.id}>
                  <button type="button" aria-pressed={active === p.id} onClick={() => open(p.id)}>
                    <span className="exhibit-point-n" aria-hidden="true">
                      {i + 1}
                    </span>{' '}
                    {localised(lang, p.title, p.titleZh)}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
        {description && <p className="exhibit-description">{description}</p>}
      </main>
    </>
  );
}

/** The open info point: its title, image, text and audio guide. */
function InfoPanel({ point, n, onClose }: { point: InfoPoint; n: number; onClose: () => void }) {
  const { lang } = useI18n();
  const m = exhibitMessages(lang);
  const title = localised(lang, point.title, point.titleZh);
  return (
    <section className="exhibit-info" aria-labelledby="exhibit-info-title" aria-live="polite">
      <h2 id="exhibit-info-title">
        <span className="exhibit-point-n" aria-hidden="true">
          {n}
        </span>{' '}
        {title}
      </h2>
      {point.imageUrl && <img src={point.imageUrl} alt="" />}
      <p className="exhibit-info-text">{localised(lang, point.text, point.textZh)}</p>
      {point.audioUrl && (
        <figure>
          <figcaption>{m.audio}</figcaption>
          <audio controls preload="none" src={point.audioUrl} />
        </figure>
      )}
      <button type="button" onClick={onClose}>
        {m.close}
      </button>
    </section>
  );
}
