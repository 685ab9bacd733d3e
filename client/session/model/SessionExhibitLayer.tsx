import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Object3D } from 'three';
import type { Exhibit } from '@protocol';
import { exhibitMessages, localised } from '../../i18n/exhibitMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { EraControl } from '../../model/EraControl.tsx';
import { ExhibitController } from '../../model/ExhibitController.ts';
import { hiddenNodesAtEra } from '../../model/hiddenNodesAtEra.ts';
import { boundingSphere } from '../../model/orbitCamera.ts';
import { deviceHints, pickRendition } from '../../model/pickRendition.ts';
import { onLinkClick } from '../../app/router.ts';
import { ExhibitScene } from '../../scene/ExhibitScene.tsx';
import type { SessionClient } from '../SessionClient.ts';
import type { SessionDriver } from '../SessionDriver.ts';
import { useSessionState } from '../ui/useSessionState.ts';
import { ModelLaser } from './ModelLaser.tsx';
import { sessionExhibitMessages } from './sessionExhibitMessages.ts';
import '../../model/exhibit.css';

export interface SessionExhibitLayerProps {
  client: SessionClient;
  driver: SessionDriver;
  exhibit: Exhibit;
  isLead: boolean;
  following: boolean;
  leadName: string;
  /** The lead takes the group back to the hall's panorama; absent in a museum without halls. */
  onBackToHall?: () => void;
  /** A museum without halls: the link back to the place's page (there is no tour top to carry it). */
  back?: { href: string; title: string };
}

type Load = { state: 'loading'; progress: number } | { state: 'ready' } | { state: 'error' };

/**
 * The exhibit the group looks at, over the hall: the same 3D viewer as the exhibit page
 * (ExhibitScene on an ExhibitController), driven by the session — a follower's camera and
 * open point follow the lead (ModelFollower), the lead's orbit, points and laser go to the
 * group. The session bar, chat and voice stay above it.
 */
export function SessionExhibitLayer({ client, driver, exhibit, isLead, following, leadName, onBackToHall, back }: SessionExhibitLayerProps) {
  const { t, lang } = useI18n();
  const m = exhibitMessages(lang);
  const sm = sessionExhibitMessages(lang);
  const title = localised(lang, exhibit.title, exhibit.titleZh);
  const controller = useMemo(() => {
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    return new ExhibitController({ bounds: exhibit.bounds, infoPoints: exhibit.infoPoints, aspect: window.innerWidth / Math.max(1, window.innerHeight), flightMs: reduced ? 0 : 900 });
  }, [exhibit]);
  useEffect(() => () => controller.dispose(), [controller]);
  useEffect(() => driver.model.attach(exhibit.id, controller), [driver, controller, exhibit.id]);
  const rendition = useMemo(() => pickRendition(exhibit, deviceHints()), [exhibit]);
  const [load, setLoad] = useState<Load>({ state: 'loading', progress: 0 });
  const [attempt, setAttempt] = useState(0);
  const [active, setActive] = useState<string | null>(controller.activeInfoPoint);
  useEffect(() => {
    setActive(controller.activeInfoPoint);
    return controller.onChange((c) => setActive(c.activeInfoPoint));
  }, [controller]);
  const { radius } = boundingSphere(exhibit.bounds);
  // A site model's era: the lead's goes to the group; a viewer looking freely keeps their own
  // (starting from the group's) until they follow again.
  const eras = useMemo(() => [...(exhibit.eras ?? [])].sort((a, b) => a.year - b.year), [exhibit]);
  const shared = useSessionState(client).snapshot?.exhibit;
  const sharedEra = shared?.exhibitId === exhibit.id ? (shared.eraId ?? null) : null;
  const [ownEra, setOwnEra] = useState<string | null>(sharedEra);
  useEffect(() => {
    if (following) setOwnEra(sharedEra);
  }, [following, sharedEra]);
  // The docent's own pick shows at once, not a round trip later (a controlled radio would spring
  // back meanwhile); the group's next era, whoever set it, replaces it.
  const [leadPick, setLeadPick] = useState<{ id: string | null } | null>(null);
  useEffect(() => setLeadPick(null), [sharedEra]);
  const eraId = isLead ? (leadPick ? leadPick.id : sharedEra) : following ? sharedEra : ownEra;
  const hiddenNodes = useMemo(() => hiddenNodesAtEra(eras, eraId), [eras, eraId]);
  const chooseEra = (id: string | null) => {
    if (isLead) {
      setLeadPick({ id });
      client.send({ type: 'goto', exhibit: { exhibitId: exhibit.id, eraId: id } });
      return;
    }
    setOwnEra(id);
    if (following) driver.follow.stop('drag');
  };

  const onProgress = useCallback((f: number) => setLoad((l) => (l.state === 'loading' ? { state: 'loading', progress: f } : l)), []);
  const onError = useCallback(() => setLoad({ state: 'error' }), []);
  const onFirstFrame = useCallback(() => setLoad((l) => (l.state === 'error' ? l : { state: 'ready' })), []);
  const extras = useCallback(
    (root: Object3D) => <ModelLaser root={root} radius={radius} exhibitId={exhibit.id} client={client} driver={driver} />,
    [radius, exhibit.id, client, driver],
  );
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target !== e.currentTarget) return;
    if (isLead && onBackToHall && e.key === 'Escape') {
      e.preventDefault();
      onBackToHall();
    } else if (controller.handleKey(e.key)) e.preventDefault();
  };
  const point = exhibit.infoPoints.find((p) => p.id === active);
  const n = point ? exhibit.infoPoints.indexOf(point) + 1 : 0;
  const pointLabels = exhibit.infoPoints.map((p, i) => m.openPoint(i + 1, localised(lang, p.title, p.titleZh)));
  const percent = load.state === 'loading' ? Math.round(load.progress * 100) : 100;

  return (
    <section
      className="session-exhibit"
      aria-label={sm.groupOnExhibit(title)}
      aria-describedby="session-exhibit-help"
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-exhibit={exhibit.id}
      data-status={load.state}
      data-info-point={active ?? ''}
    >
      {load.state !== 'ready' && <img className="exhibit-poster" src={exhibit.posterUrl} alt="" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />}
      {load.state !== 'error' && (
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
          onOpenPoint={(id) => controller.setActiveInfoPoint(id)}
          extras={extras}
          hiddenNodes={eras.length > 0 ? hiddenNodes : undefined}
        />
      )}
      <div className="session-exhibit-top">
        {back && (
          <a href={back.href} onClick={onLinkClick} className="tour-back session-exhibit-place">
            ← <span className="sr-only-narrow">{m.backTo(back.title)}</span>
          </a>
        )}
        <h2 aria-live="polite" data-testid="exhibit-title">
          {title}
        </h2>
        {isLead && onBackToHall && (
          <button type="button" className="session-exhibit-back" onClick={onBackToHall}>
            ← {sm.backToHall}
          </button>
        )}
      </div>
      {load.state === 'loading' && (
        <div className="exhibit-progress">
          <div className="exhibit-progress-bar" role="progressbar" aria-label={m.loadingModel} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="exhibit-progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
          </div>
        </div>
      )}
      {load.state === 'error' && (
        <div className="exhibit-error" role="alert">
          <p>{m.modelFailed({ kind: 'decode' })}</p>
          <button
            type="button"
            onClick={() => {
              setLoad({ state: 'loading', progress: 0 });
              setAttempt((a) => a + 1);
            }}
          >
            {t.retry}
          </button>
        </div>
      )}
      <p id="session-exhibit-help" className="sr-only">
        {isLead ? sm.leadHelp : following ? sm.followHelp(leadName) : m.viewerHelp}
      </p>
      {/* One dock at the bottom: the info panel beside the era control, stacked above it on a phone, never over it. */}
      <div className="session-exhibit-dock">
        {point && (
          <section className="session-exhibit-info" aria-labelledby="session-exhibit-info-title" aria-live="polite" data-testid="exhibit-info">
            <h3 id="session-exhibit-info-title">
              <span className="exhibit-point-n" aria-hidden="true">
                {n}
              </span>{' '}
              {localised(lang, point.title, point.titleZh)}
            </h3>
            {point.imageUrl && <img src={point.imageUrl} alt="" />}
            <p>{localised(lang, point.text, point.textZh)}</p>
            {point.audioUrl && <audio controls preload="none" src={point.audioUrl} aria-label={m.audio} />}
            <button type="button" onClick={() => controller.setActiveInfoPoint(null, false)}>
              {m.close}
            </button>
          </section>
        )}
        {eras.length > 0 && <EraControl eras={eras} eraId={eraId} onChoose={chooseEra} />}
      </div>
    </section>
  );
}
