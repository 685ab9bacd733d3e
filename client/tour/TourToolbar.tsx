import { useEffect, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/useI18n.ts';
import { attachGyro } from '../viewer/GyroController.ts';
import { GyroButton } from './GyroButton.tsx';
import { ShareTour } from './ShareTour.tsx';
import type { TourController } from '../viewer/TourController.ts';
import type { createVantageXrStore } from '../xr/createVantageXrStore.ts';

type XrStore = ReturnType<typeof createVantageXrStore>;

function useVrSupported(store: XrStore): boolean {
  const [ok, setOk] = useState(false);
  useEffect(() => {
    let alive = true;
    // With the emulator asked for, ask after it has replaced navigator.xr.
    Promise.resolve(window.__vantageXrEmulator)
      .then(() => navigator.xr?.isSessionSupported('immersive-vr'))
      .then((s) => alive && setOk(!!s), () => {});
    return () => {
      alive = false;
    };
  }, [store]);
  return ok;
}

/** Buttons over the tour: VR, motion sensor, zoom, full screen, share (link, QR code, embed). */
export function TourToolbar({ tour, xrStore, place }: { tour: TourController; xrStore: XrStore; place: { id: string; title: string } }) {
  const { t } = useI18n();
  const vr = useVrSupported(xrStore);
  const session = useSyncExternalStore(xrStore.subscribe, () => xrStore.getState().session);
  const [gyro, setGyro] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!gyro) return;
    return attachGyro(
      () => tour.view.view,
      (v) => tour.view.setView(v),
    );
  }, [gyro, tour]);
  useEffect(() => {
    if (!note) return;
    const id = setTimeout(() => setNote(''), 2500);
    return () => clearTimeout(id);
  }, [note]);
  return (
    <div className="tour-toolbar" role="toolbar" aria-label="Tour">
      {vr && (
        <button className="primary" onClick={() => (session ? session.end() : xrStore.enterVR())}>
          {session ? t.exitVr : t.enterVr}
        </button>
      )}
      <GyroButton gyro={gyro} onGyro={setGyro} onRefused={() => setNote(t.gyroDenied)} labels={{ on: t.gyroOn, off: t.gyroOff }} />
      {/* Hidden on a phone (styles.css): two fingers zoom there. */}
      <button className="tour-zoom" onClick={() => tour.view.zoomBy(0.8)} aria-label={t.zoomIn}>
        +
      </button>
      <button className="tour-zoom" onClick={() => tour.view.zoomBy(1.25)} aria-label={t.zoomOut}>
        −
      </button>
      {document.fullscreenEnabled && (
        <button onClick={() => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen())} aria-label={t.fullscreen}>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M1 6V1h5M12 1h5v5M17 12v5h-5M6 17H1v-5" />
          </svg>
        </button>
      )}
      <ShareTour title={place.title} placeId={place.id} sceneId={tour.scene.id} />
      <span className="toolbar-note" role="status" aria-live="polite">
        {note}
      </span>
    </div>
  );
}
