import { Canvas } from '@react-three/fiber';
import { XR, useXR } from '@react-three/xr';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Place, Scene, View } from '@protocol';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { dollhouseMessages } from '../i18n/dollhouseMessages.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { PanoramaLayer } from '../scene/PanoramaLayer.tsx';
import { rendererInItsOwnTask } from '../scene/rendererInItsOwnTask.ts';
import { XrHotspots } from '../scene/XrHotspots.tsx';
import { DollhouseController } from '../viewer/DollhouseController.ts';
import { TourController } from '../viewer/TourController.ts';
import type { ViewerStatus } from '../viewer/PanoramaViewer.ts';
import { createVantageXrStore } from '../xr/createVantageXrStore.ts';
import { FloorPlanMap } from './FloorPlanMap.tsx';
import { HotspotButtons } from './HotspotButtons.tsx';
import { TourToolbar } from './TourToolbar.tsx';
import { useTourUrl } from './useTourUrl.ts';
import { useTourAnalytics } from './useTourAnalytics.ts';
import { useFirstPaintHandoff } from './useFirstPaintHandoff.ts';
import { BookVisitButton } from '../booking/BookVisitButton.tsx';
import { AskAgentButton } from '../app/AskAgentButton.tsx';
import { Compass } from './Compass.tsx';
import { DollhouseToggle } from './DollhouseToggle.tsx';
import { DollhouseView } from './DollhouseView.tsx';
import { MeasurePlan } from './MeasurePlan.tsx';
import { RoomStrip } from './RoomStrip.tsx';
import { MoveHint } from './MoveHint.tsx';
import { facingAWayOn } from '../viewer/facingAWayOn.ts';
import { warmWhenStill } from './warmWhenStill.ts';
import { TourModes, type TourModeCause } from './TourModes.ts';
import { exhibitHref } from '../museum/exhibitHref.ts';
import { exhibitTitle } from '../museum/exhibitTitle.ts';
import { roomEnvironmentBytes } from '../model/earlyRoomEnvironment.ts';
import { placeText, textIn } from '../i18n/placeText.ts';

/**
 * The view a tour opens on: the link's, or the room's turned towards a way on when no door is in
 * sight on this screen (facingAWayOn; the first paint does the same for the same size).
 */
function firstView(place: Place, start: { sceneId?: string; view: Partial<View> }): { sceneId?: string; view: Partial<View> } {
  if (start.view.yaw !== undefined) return start;
  const scene = place.tour.scenes.find((s) => s.id === (start.sceneId ?? place.tour.startScene));
  if (!scene) return start;
  const root = document.documentElement;
  return { ...start, view: facingAWayOn(scene, { ...scene.initialView, ...start.view }, (root.clientWidth || innerWidth) / (root.clientHeight || innerHeight)) };
}

/** The phone layout's breakpoint (styles.css: one bottom bar, the plan as a sheet). */
const narrow = () => window.matchMedia('(max-width: 700px)').matches;

type DollhouseSceneComponent = typeof import('../scene/DollhouseScene.tsx').DollhouseScene;
// The dollhouse's 3D code (orbit controls, environment, glTF loader) is not on the first
// frame's path: it loads once the tour is sharp and the view has rested for a moment, or
// when someone opens the dollhouse first.
const DOLLHOUSE_WARM_STILL_MS = 800;
const glFactory = rendererInItsOwnTask({ antialias: false, powerPreference: 'high-performance' });
let dollhouseScene: Promise<DollhouseSceneComponent> | undefined;
const loadDollhouseScene = () =>
  (dollhouseScene ??= Promise.all([
    import('../scene/DollhouseScene.tsx'),
    // Its prefiltered light, which the scene sets up synchronously (a failed download: the scene makes it itself).
    roomEnvironmentBytes().catch(() => undefined),
  ])
    .then(([m]) => m.DollhouseScene)
    .catch((e: unknown) => {
      // A chunk that failed to load (a network blip) must not stay failed: the next press tries again.
      dollhouseScene = undefined;
      throw e;
    }));

declare global {
  interface Window {
    /** Read by e2e tests and the benchmark: what the viewer is doing right now. */
    __vantage?: {
      tour: TourController;
      status: () => ViewerStatus;
      requests: () => string[];
      xr: ReturnType<typeof createVantageXrStore>;
      dollhouse?: DollhouseController | null;
    };
  }
}

export function TourView({
  place,
  start,
  overlay,
  guided = false,
}: {
  place: Place;
  start: { sceneId?: string; view: Partial<View> };
  /** Extra UI over the tour (a guided session), rendered last inside .tour. */
  overlay?: (tour: TourController, xrStore: ReturnType<typeof createVantageXrStore>, modes: TourModes) => React.ReactNode;
  /** A guided session's viewers are led, not left to find their way: no newcomer's tip. */
  guided?: boolean;
}) {
  const { t, lang } = useI18n();
  const tour = useMemo(() => new TourController(place.tour, firstView(place, start)), [place]); // eslint-disable-line react-hooks/exhaustive-deps
  const xrStore = useMemo(() => createVantageXrStore(), []);
  // The dollhouse replaces the panorama in the same canvas; flying into a room hands back to it.
  const dollhouse = useMemo(() => (place.tour.dollhouseUrl ? new DollhouseController(place.tour, place.tour.dollhouseUrl) : null), [place]);
  useEffect(() => () => dollhouse?.dispose(), [dollhouse]);
  useEffect(() => () => xrStore.destroy(), [xrStore]);
  const [scene, setScene] = useState<Scene>(tour.scene);
  useTourAnalytics(scene.id, place.id);
  const [status, setStatus] = useState<ViewerStatus>(tour.viewer.status);
  const cone = useRef<SVGGElement>(null);
  useEffect(() => tour.onScene(setScene), [tour]);
  useEffect(() => tour.viewer.onStatus(setStatus), [tour]);
  useEffect(() => () => tour.dispose(), [tour]);
  useEffect(() => {
    window.__vantage = { tour, status: () => tour.viewer.status, requests: () => [...tour.viewer.store.requestLog], xr: xrStore, dollhouse };
    return () => void delete window.__vantage;
  }, [tour, xrStore, dollhouse]);
  useEffect(
    () =>
      tour.onFrame(() => {
        cone.current?.setAttribute('transform', `rotate(${tour.heading().toFixed(1)})`);
      }),
    [tour],
  );
  useTourUrl(tour);
  // The dollhouse and the plan sheet are open in `modes` (shared with a guided session: the lead's go to the group).
  const modes = useMemo(() => new TourModes(), []);
  useEffect(() => () => modes.dispose(), [modes]);
  const mode = useSyncExternalStore(modes.subscribe, modes.get);
  const [DollhouseScene, setDollhouseScene] = useState<DollhouseSceneComponent | null>(null);
  const inDollhouse = mode.view === 'dollhouse' && !!DollhouseScene;
  const closeDollhouse = useCallback(() => modes.request('panorama'), [modes]);
  // The scene and its panel open in the same commit, as before the split: the panel never
  // shows "ready" before the scene has started its opening flight.
  const openScene = useCallback(
    (cause: TourModeCause) => {
      loadDollhouseScene().then(
        (c) => {
          setDollhouseScene(() => c);
          modes.opened(cause);
        },
        (e: unknown) => console.warn('Vantage: the dollhouse could not load; press Dollhouse again to retry.', e),
      );
    },
    [modes],
  );
  useEffect(() => {
    if (!dollhouse) return;
    modes.opener = (cause) => void dollhouse.load().then(() => openScene(cause), () => {});
    return () => void (modes.opener = null);
  }, [modes, dollhouse, openScene]);
  const openDollhouse = useCallback(() => modes.request('dollhouse'), [modes]);
  useEffect(() => {
    if (!dollhouse) return;
    // A warm-up only (opening it retries and says so), and not in the middle of a pan.
    const sources = { onStatus: (l: (s: ViewerStatus) => void) => tour.viewer.onStatus(l), onChange: (l: () => void) => tour.view.onChange(l) };
    return warmWhenStill(sources, DOLLHOUSE_WARM_STILL_MS, () => void loadDollhouseScene().catch(() => {}));
  }, [tour, dollhouse]);
  useEffect(() => {
    if (!dollhouse) return;
    const offDepart = dollhouse.onDepart((id, view) => tour.goTo(id, view));
    const offArrive = dollhouse.onArrive(() => {
      modes.request('panorama');
      canvasHost.current?.focus();
    });
    return () => {
      offDepart();
      offArrive();
    };
  }, [dollhouse, tour, modes]);
  // After a walk through a hotspot (whose button goes with the room it was in), keyboard focus goes to the view, never to the page's body.
  // The room strip (every room, one tap away) and, on a phone, the floor plan full screen.
  const [stripOpen, setStripOpen] = useState(false);
  const planOpen = mode.plan;
  const setPlanOpen = useCallback((open: boolean | ((o: boolean) => boolean)) => modes.setPlan(typeof open === 'function' ? open(modes.get().plan) : open), [modes]);
  const focusView = useCallback(() => canvasHost.current?.focus({ preventScroll: true }), []);
  const name = roomName(lang, scene);
  const placeTitle = placeText(lang, place, 'title');
  useTitle(`${name} · ${placeTitle.text}`);
  const names = useMemo(() => new Map(place.tour.scenes.map((s) => [s.id, roomName(lang, s)])), [place, lang]);
  // A museum hall's exhibit hotspot opens the exhibit's page, named in the reader's language.
  const exhibitLink = useCallback(
    (exhibitId: string) => {
      const e = place.exhibits?.find((x) => x.id === exhibitId);
      return e ? { href: exhibitHref(place.id, e.id), label: exhibitTitle(lang, e) } : null;
    },
    [place, lang],
  );
  const canvasHost = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = canvasHost.current;
    return el ? tour.view.attach(el) : undefined;
  }, [tour]);
  const tourRoot = useFirstPaintHandoff(tour, place.id);
  const loading = !status.sharp;
  return (
    <div className="tour" ref={tourRoot}>
      {/* First in the tab order (before the view and its hotspots): where am I, and the way back. */}
      <div className="tour-top">
        <a href={`/places/${encodeURIComponent(place.id)}`} onClick={onLinkClick} className="tour-back">
          ← <span className="sr-only-narrow">{t.backToPlace}</span>
        </a>
        <div className="tour-title">
          <span className="sr-only">{t.currentRoom}: </span>
          <h1 aria-live="polite" data-testid="room-name" lang={textIn(lang, scene.name, scene.nameZh).lang}>
            {name}
          </h1>
          <span className="tour-place" lang={placeTitle.lang}>
            {placeTitle.text}
          </span>
        </div>
        <Compass tour={tour} label={t.compassNorth} />
      </div>
      <div className="tour-canvas" ref={canvasHost} tabIndex={0} aria-label={inDollhouse ? dollhouseMessages(lang).dollhouseHelp : t.tourHelp} role="application">
        <Canvas
          camera={{ fov: 60, near: 0.1, far: 1000, position: [0, 0, 0] }}
          gl={glFactory}
          dpr={[1, 2]}
          flat
        >
          <XR store={xrStore}>
            <XrAware tour={tour} scene={scene} names={names} dollhouse={inDollhouse ? dollhouse : null} DollhouseScene={DollhouseScene} />
          </XR>
        </Canvas>
      </div>
      {inDollhouse && dollhouse ? <DollhouseView controller={dollhouse} names={names} onClose={closeDollhouse} /> : <HotspotButtons tour={tour} scene={scene} exhibitLink={exhibitLink} focusView={focusView} />}
      <div
        className={`progress ${loading ? 'active' : 'done'}`}
        role="progressbar"
        aria-label={t.loadingTour}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(status.progress * 100)}
      >
        <div className="progress-fill" style={{ transform: `scaleX(${status.progress})` }} />
      </div>
      {stripOpen && place.tour.scenes.length > 1 && (
        <RoomStrip
          id="tour-room-strip"
          scenes={place.tour.scenes}
          current={scene.id}
          onPick={(id) => {
            if (inDollhouse && dollhouse) dollhouse.flyTo(id);
            else tour.goTo(id, undefined, true);
            // On a phone the strip gives the room back its screen once a room is picked.
            if (narrow()) setStripOpen(false);
          }}
        />
      )}
      {/* One bar on a phone (a row that scrolls sideways); on a wider screen its two groups keep their corners. */}
      <div className="tour-bar" role="group" aria-label={t.tourTools}>
        <div className="tour-modes">
          {!inDollhouse && <BookVisitButton placeId={place.id} source="tour" kind={place.kind} />}
          {!inDollhouse && place.agent && <AskAgentButton agent={place.agent} />}
          {place.tour.scenes.length > 1 && (
            <button type="button" aria-expanded={stripOpen} aria-controls="tour-room-strip" onClick={() => setStripOpen((o) => !o)}>
              <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
                <rect x="1" y="4" width="7" height="10" rx="1.5" />
                <rect x="10" y="4" width="7" height="10" rx="1.5" />
              </svg>
              {t.roomStrip}
            </button>
          )}
          {place.tour.floorPlan && (
            <button type="button" className="tour-plan-toggle" aria-expanded={planOpen} aria-controls="tour-minimap" onClick={() => setPlanOpen((o) => !o)}>
              <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
                <path d="M1.5 1.5h15v15h-15z M9 1.5v6h7.5 M1.5 10h5v6.5" />
              </svg>
              {t.showPlan}
            </button>
          )}
          {dollhouse && <DollhouseToggle controller={dollhouse} open={inDollhouse} onOpen={openDollhouse} onClose={closeDollhouse} />}
          {place.tour.floorPlan && !inDollhouse && <MeasurePlan plan={place.tour.floorPlan} scenes={place.tour.scenes} />}
        </div>
        {!inDollhouse && <TourToolbar tour={tour} xrStore={xrStore} place={place} />}
      </div>
      {place.tour.floorPlan && (
        <div className="tour-minimap" id="tour-minimap" data-open={planOpen ? '' : undefined}>
          {planOpen && (
            <button type="button" className="tour-plan-close" onClick={() => setPlanOpen(false)} aria-label={t.closePlan}>
              ×
            </button>
          )}
          <FloorPlanMap
            ref={cone}
            plan={place.tour.floorPlan}
            scenes={place.tour.scenes}
            currentScene={scene.id}
            label={t.floorPlan}
            onSelect={(id) => {
              if (inDollhouse && dollhouse) dollhouse.flyTo(id);
              else tour.goTo(id);
              setPlanOpen(false);
            }}
          />
        </div>
      )}
      {/* A newcomer's tip on how to move (once per browser); a session's viewers are guided instead. */}
      {!guided && <MoveHint root={tourRoot} ready={!loading} />}
      {overlay?.(tour, xrStore, modes)}
    </div>
  );
}

/** Inside <XR>: knows whether a headset session runs, which changes who owns the camera. */
function XrAware({
  tour,
  scene,
  names,
  dollhouse,
  DollhouseScene,
}: {
  tour: TourController;
  scene: Scene;
  names: Map<string, string>;
  dollhouse: DollhouseController | null;
  DollhouseScene: DollhouseSceneComponent | null;
}) {
  const session = useXR((s) => s.session);
  const inXr = !!session;
  const showDollhouse = !!dollhouse && !inXr && !!DollhouseScene;
  useEffect(() => {
    tour.view.enabled = !inXr && !showDollhouse;
  }, [tour, inXr, showDollhouse]);
  if (showDollhouse) return <DollhouseScene controller={dollhouse} tour={tour} />;
  return (
    <>
      {/* Controller models are lit materials; the panorama itself is unlit. */}
      <ambientLight intensity={1.5} />
      <directionalLight position={[1, 2, 1]} intensity={1.5} />
      <PanoramaLayer tour={tour} inXr={inXr} />
      {inXr && <XrHotspots scene={scene} names={names} onGo={(id) => tour.goTo(id, undefined, true)} />}
    </>
  );
}
