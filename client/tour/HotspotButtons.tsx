import { useEffect, useRef, useState } from 'react';
import type { Hotspot, Scene } from '@protocol';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import type { TourController } from '../viewer/TourController.ts';
import { projectToScreen } from '../viewer/projectToScreen.ts';
import { infoText } from '../i18n/placeText.ts';

/**
 * Hotspots as real buttons over the panorama: keyboard-focusable, named after the room
 * they lead to. The frame loop moves them (no React render per frame); one that is off
 * screen stays in the tab order, and focusing it turns the view towards it.
 */
export function HotspotButtons({
  tour,
  scene,
  exhibitLink,
  focusView,
}: {
  tour: TourController;
  scene: Scene;
  exhibitLink?: (exhibitId: string) => { href: string; label: string } | null;
  /** Moves keyboard focus to the view (after a walk: the button that was pressed goes with its room). */
  focusView?: () => void;
}) {
  const { t, lang } = useI18n();
  const refs = useRef(new Map<string, HTMLElement>());
  const [openInfo, setOpenInfo] = useState<string | null>(null);
  useEffect(() => setOpenInfo(null), [scene.id]);
  // A hotspot that walked to another room held the focus; its button is gone with the old room.
  const walked = useRef(false);
  useEffect(() => {
    if (!walked.current) return;
    walked.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) focusView?.();
  }, [scene.id, focusView]);
  useEffect(
    () =>
      tour.onFrame((camera, w, h) => {
        for (const hs of scene.hotspots) {
          const el = refs.current.get(hs.id);
          if (!el) continue;
          const p = projectToScreen(camera, hs.yaw, hs.pitch, w, h);
          el.style.transform = `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px) translate(-50%, -50%)`;
          el.dataset.onscreen = p.visible ? '1' : '0';
        }
      }),
    [tour, scene],
  );
  const focusOn = (h: Hotspot) => {
    const el = refs.current.get(h.id);
    if (el?.dataset.onscreen !== '1') tour.view.setView({ ...tour.view.view, yaw: h.yaw, pitch: Math.max(-60, Math.min(60, h.pitch + 10)) }, 400);
  };
  const info = scene.hotspots.find((h) => h.id === openInfo && h.kind === 'info');
  return (
    <div className="hotspots">
      {scene.hotspots.map((h) => {
        if (h.kind === 'scene') {
          const target = tour.sceneById(h.target);
          const name = target ? roomName(lang, target) : h.target;
          return (
            <button
              key={h.id}
              ref={(el) => void (el ? refs.current.set(h.id, el) : refs.current.delete(h.id))}
              className="hotspot hotspot-scene"
              aria-label={name}
              data-onscreen="0"
              onFocus={() => focusOn(h)}
              onClick={() => {
                walked.current = true;
                tour.goTo(h.target, undefined, true);
              }}
            >
              <span className="hotspot-ring" aria-hidden="true" />
              <span className="hotspot-label" aria-hidden="true">
                {name}
              </span>
            </button>
          );
        }
        if (h.kind === 'exhibit') {
          // A museum hall's exhibit: a link to its 3D page (a real link: open in a new tab, share).
          const link = exhibitLink?.(h.exhibitId);
          if (!link) return null; // the exhibit was removed since the hotspot was placed
          return (
            <a
              key={h.id}
              ref={(el) => void (el ? refs.current.set(h.id, el) : refs.current.delete(h.id))}
              className="hotspot hotspot-exhibit"
              href={link.href}
              aria-label={link.label}
              data-onscreen="0"
              onFocus={() => focusOn(h)}
            >
              <span className="hotspot-ring" aria-hidden="true" />
              <span className="hotspot-label" aria-hidden="true">
                {link.label}
              </span>
            </a>
          );
        }
        return (
          <button
            key={h.id}
            ref={(el) => void (el ? refs.current.set(h.id, el) : refs.current.delete(h.id))}
            className="hotspot hotspot-info"
            aria-label={infoText(lang, h, 'title').text}
            lang={infoText(lang, h, 'title').lang}
            aria-expanded={openInfo === h.id}
            data-onscreen="0"
            onFocus={() => focusOn(h)}
            onClick={() => setOpenInfo(openInfo === h.id ? null : h.id)}
          >
            <span aria-hidden="true">i</span>
          </button>
        );
      })}
      {info && info.kind === 'info' && (
        <div className="info-panel" role="dialog" aria-label={infoText(lang, info, 'title').text}>
          <h2 lang={infoText(lang, info, 'title').lang}>{infoText(lang, info, 'title').text}</h2>
          <p lang={infoText(lang, info, 'text').lang}>{infoText(lang, info, 'text').text}</p>
          <button onClick={() => setOpenInfo(null)} autoFocus>
            {t.close}
          </button>
        </div>
      )}
    </div>
  );
}
