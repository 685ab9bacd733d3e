import { Canvas } from '@react-three/fiber';
import { XR, useXR } from '@react-three/xr';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Place, Scene, View } from '@protocol';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { PanoramaLayer } from '../scene/PanoramaLayer.tsx';
import { XrHotspots } from '../scene/XrHotspots.tsx';
import { TourController } from '../viewer/TourController.ts';
import type { ViewerStatus } from '../viewer/PanoramaViewer.ts';
import { createVantageXrStore } from '../xr/createVantageXrStore.ts';
import { FloorPlanMap } from './FloorPlanMap.tsx';
import { HotspotButtons } from './HotspotButtons.tsx';
import { TourToolbar } from './TourToolbar.tsx';
import { useTourUrl } from './useTourUrl.ts';
import { Compass } from './Compass.tsx';

declare global {
  interface Window {
    /** Read by e2e tests and the benchmark: what the viewer is doing right now. */
    __vantage?: { tour: TourController; status: () => ViewerStatus; requests: () => string[]; xr: ReturnType<typeof createVantageXrStore> };
  }
}

export function TourView({ place, start }: { place: Place; start: { sceneId?: string; view: Partial<View> } }) {
  const { t, lang } = useI18n();
  const tour = useMemo(() => new TourController(place.tour, start), [place]); // eslint-disable-line react-hooks/exhaustive-deps
  const xrStore = useMemo(() => createVantageXrStore(), []);
  useEffect(() => () => xrStore.destroy(), [xrStore]);
  const [scene, setScene] = useState<Scene>(tour.scene);
  const [status, setStatus] = useState<ViewerStatus>(tour.viewer.status);
  const cone = useRef<SVGGElement>(null);
  useEffect(() => tour.onScene(setScene), [tour]);
  useEffect(() => tour.viewer.onStatus(setStatus), [tour]);
  useEffect(() => () => tour.dispose(), [tour]);
  useEffect(() => {
    window.__vantage = { tour, status: () => tour.viewer.status, requests: () => [...tour.viewer.store.requestLog], xr: xrStore };
    return () => void delete window.__vantage;
  }, [tour, xrStore]);
  useEffect(
    () =>
      tour.onFrame(() => {
        cone.current?.setAttribute('transform', `rotate(${tour.heading().toFixed(1)})`);
      }),
    [tour],
  );
  useTourUrl(tour);
  const name = roomName(lang, scene);
  useTitle(`${name} · ${place.title}`);
  const names = useMemo(() => new Map(place.tour.scenes.map((s) => [s.id, roomName(lang, s)])), [place, lang]);
  const canvasHost = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = canvasHost.current;
    return el ? tour.view.attach(el) : undefined;
  }, [tour]);
  const loading = !status.sharp;
  return (
    <div className="tour">
      <div className="tour-canvas" ref={canvasHost} tabIndex={0} aria-label={t.tourHelp} role="application">
        <Canvas
          camera={{ fov: 60, near: 0.1, far: 1000, position: [0, 0, 0] }}
          gl={{ antialias: false, powerPreference: 'high-performance' }}
          dpr={[1, 2]}
          flat
        >
          <XR store={xrStore}>
            {/* Controller models are lit materials; the panorama itself is unlit. */}
            <ambientLight intensity={1.5} />
            <directionalLight position={[1, 2, 1]} intensity={1.5} />
            <XrAware tour={tour} scene={scene} names={names} />
          </XR>
        </Canvas>
      </div>
      <HotspotButtons tour={tour} scene={scene} />
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
      <div className="tour-top">
        <a href={`/places/${encodeURIComponent(place.id)}`} onClick={onLinkClick} className="tour-back">
          ← <span className="sr-only-narrow">{t.backToPlace}</span>
        </a>
        <div className="tour-title">
          <span className="sr-only">{t.currentRoom}: </span>
          <h1 aria-live="polite" data-testid="room-name">
            {name}
          </h1>
          <span className="tour-place">{place.title}</span>
        </div>
        <Compass tour={tour} label={t.compassNorth} />
      </div>
      <TourToolbar tour={tour} xrStore={xrStore} />
      {place.tour.floorPlan && (
        <div className="tour-minimap">
          <FloorPlanMap
            ref={cone}
            plan={place.tour.floorPlan}
            scenes={place.tour.scenes}
            currentScene={scene.id}
            label={t.floorPlan}
            onSelect={(id) => tour.goTo(id)}
          />
        </div>
      )}
    </div>
  );
}

/** Inside <XR>: knows whether a headset session runs, which changes who owns the camera. */
function XrAware({ tour, scene, names }: { tour: TourController; scene: Scene; names: Map<string, string> }) {
  const session = useXR((s) => s.session);
  const inXr = !!session;
  useEffect(() => {
    tour.view.enabled = !inXr;
  }, [tour, inXr]);
  return (
    <>
      <PanoramaLayer tour={tour} inXr={inXr} />
      {inXr && <XrHotspots scene={scene} names={names} onGo={(id) => tour.goTo(id, undefined, true)} />}
    </>
  );
}
