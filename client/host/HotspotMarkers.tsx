import { useEffect, useRef } from 'react';
import { normaliseYaw, type Exhibit, type Hotspot } from '@protocol';
import { MUSEUM_HOST_MESSAGES } from '../i18n/museumHostMessages.ts';
import { exhibitTitle } from './museum/exhibitTitle.ts';
import type { TourController } from '../viewer/TourController.ts';
import { projectToScreen } from '../viewer/projectToScreen.ts';
import { useHostMessages } from './useHostMessages.ts';

const DRAG_SLOP_PX = 4;

/**
 * The draft's hotspots as buttons over the panorama. The frame loop moves them (no React
 * render per frame). Drag one to move it (the pointer is re-picked on the sphere every
 * move); click or Enter selects it; arrow keys nudge it, Shift for bigger steps.
 */
export function HotspotMarkers({
  tour,
  hotspots,
  names,
  selected,
  pick,
  onSelect,
  onMove,
  exhibits,
}: {
  tour: TourController;
  /** A museum's exhibits, to name the hotspots that open one. */
  exhibits?: Pick<Exhibit, 'id' | 'title' | 'titleZh'>[];
  hotspots: Hotspot[];
  names: Map<string, string>;
  selected: string | null;
  /** Yaw/pitch under a pointer (client coordinates), or null before the first frame. */
  pick: (clientX: number, clientY: number) => { yaw: number; pitch: number } | null;
  onSelect: (id: string) => void;
  onMove: (id: string, at: { yaw: number; pitch: number }) => void;
}) {
  const { m, lang } = useHostMessages();
  const exhibitName = (id: string) => {
    const e = exhibits?.find((x) => x.id === id);
    return e ? exhibitTitle(e, lang) : id;
  };
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const list = useRef(hotspots);
  list.current = hotspots;
  const drag = useRef<{ id: string; pointerId: number; x: number; y: number; moved: boolean } | null>(null);

  useEffect(
    () =>
      tour.onFrame((camera, w, h) => {
        for (const hs of list.current) {
          const el = refs.current.get(hs.id);
          if (!el) continue;
          const p = projectToScreen(camera, hs.yaw, hs.pitch, w, h);
          el.style.transform = `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px) translate(-50%, -50%)`;
          el.dataset.onscreen = p.visible ? '1' : '0';
        }
      }),
    [tour],
  );

  const nudge = (h: Hotspot, e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 5 : 0.5;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
    if (!d) return;
    e.preventDefault();
    onMove(h.id, { yaw: round(normaliseYaw(h.yaw + d[0])), pitch: round(Math.max(-90, Math.min(90, h.pitch + d[1]))) });
  };

  return (
    <div className="host-markers">
      {hotspots.map((h, i) => {
        const label =
          h.kind === 'scene' ? m.markerTo(names.get(h.target) ?? h.target) : h.kind === 'info' ? m.markerInfo(h.title || m.hotspotN(i + 1)) : MUSEUM_HOST_MESSAGES[lang].markerExhibit(exhibitName(h.exhibitId));
        return (
          <button
            key={h.id}
            type="button"
            ref={(el) => void (el ? refs.current.set(h.id, el) : refs.current.delete(h.id))}
            className={`host-marker ${h.kind}${selected === h.id ? ' selected' : ''}`}
            data-onscreen="0"
            data-hotspot={h.id}
            aria-label={label}
            aria-pressed={selected === h.id}
            onPointerDown={(e) => {
              if (e.button > 0) return;
              e.currentTarget.setPointerCapture(e.pointerId);
              drag.current = { id: h.id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
            }}
            onPointerMove={(e) => {
              const d = drag.current;
              if (!d || d.pointerId !== e.pointerId) return;
              if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_SLOP_PX) return;
              d.moved = true;
              const at = pick(e.clientX, e.clientY);
              if (at) onMove(h.id, at);
            }}
            onPointerUp={(e) => {
              const d = drag.current;
              drag.current = null;
              if (d && d.pointerId === e.pointerId) onSelect(h.id);
            }}
            onPointerCancel={() => (drag.current = null)}
            onClick={(e) => {
              // Keyboard activation (pointer clicks were handled on pointerup).
              if (e.detail === 0) onSelect(h.id);
            }}
            onKeyDown={(e) => nudge(h, e)}
          >
            <span className="host-marker-dot" aria-hidden="true">
              {h.kind === 'info' ? 'i' : i + 1}
            </span>
            <span className="host-marker-label" aria-hidden="true">
              {h.kind === 'scene' ? (names.get(h.target) ?? h.target) : h.kind === 'info' ? h.title || m.hotspotN(i + 1) : exhibitName(h.exhibitId)}
            </span>
          </button>
        );
      })}
    </div>
  );
}

const round = (deg: number) => Math.round(deg * 100) / 100;
