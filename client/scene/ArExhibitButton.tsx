import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { Exhibit } from '@protocol';
import { arMessages } from '../i18n/arMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { arSupport, type ArSupport } from '../xr/ar/arSupport.ts';
import { arEmulatorReady } from '../xr/ar/arEmulatorReady.ts';

// The AR scene (XR store, hit tests, the emulator when asked for) loads only when someone enters.
const importView = () => import('./ArExhibitView.tsx');
const ArExhibitView = lazy(() => importView().then((m) => ({ default: m.ArExhibitView })));

/**
 * "View in AR" beside the exhibit viewer: our WebXR AR scene where immersive-ar is supported;
 * iOS Quick Look of the USDZ where `<a rel="ar">` is (no WebXR there); on a headset also
 * "View in VR" for the sand table. Nothing shows on a desktop browser: the 3D viewer stays.
 */
export function ArExhibitButton({ exhibit, exhibits }: { exhibit: Exhibit; exhibits?: Exhibit[] }) {
  const { lang } = useI18n();
  const t = arMessages(lang);
  const [support, setSupport] = useState<ArSupport | null>(null);
  const [mode, setMode] = useState<'ar' | 'vr' | null>(null);
  const [note, setNote] = useState('');
  // Focus goes back to the button that opened the session when it ends.
  const arButton = useRef<HTMLButtonElement>(null);
  const vrButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    let alive = true;
    void arSupport(arEmulatorReady()).then((s) => {
      if (!alive) return;
      setSupport(s);
      // Warm the AR chunk, so the session is asked for well inside the tap's user activation.
      if (s.webxrAr || s.webxrVr) void importView().catch(() => {});
    });
    return () => {
      alive = false;
    };
  }, []);
  if (!support) return null;
  const title = lang === 'zh-CN' && exhibit.titleZh ? exhibit.titleZh : exhibit.title;
  const vr = support.webxrVr && exhibit.role === 'site';
  return (
    <div className="ar-actions" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', margin: '8px 0' }}>
      {support.webxrAr && (
        <button ref={arButton} className="primary" title={t.viewInArHint} onClick={() => (setNote(''), setMode('ar'))}>
          {t.viewInAr}
        </button>
      )}
      {vr && (
        <button ref={vrButton} title={t.viewInVrHint} onClick={() => (setNote(''), setMode('vr'))}>
          {t.viewInVr}
        </button>
      )}
      {!support.webxrAr && support.quickLook && (
        // Quick Look wants the link's only child to be the image; the label is its alt text.
        <a rel="ar" href={exhibit.usdzUrl} className="ar-quick-look">
          <img src={exhibit.posterUrl} alt={`${t.quickLook}: ${title}`} width={120} height={120} style={{ objectFit: 'contain' }} />
        </a>
      )}
      <span role="status" aria-live="polite">
        {note}
      </span>
      {mode && (
        <Suspense fallback={null}>
          <ArExhibitView
            mode={mode}
            exhibit={exhibit}
            exhibits={exhibits ?? [exhibit]}
            lang={lang}
            onClose={(error) => {
              const back = mode === 'ar' ? arButton.current : vrButton.current;
              setMode(null);
              setNote(error ?? '');
              requestAnimationFrame(() => back?.focus());
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
