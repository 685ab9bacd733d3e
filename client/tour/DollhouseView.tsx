import { useCoarsePointer } from './useCoarsePointer.ts';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { dollhouseMessages } from '../i18n/dollhouseMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import type { DollhouseController } from '../viewer/DollhouseController.ts';
import { formatMetres } from '../viewer/measureTape.ts';
import { declutterLabels, type LabelBox } from '../viewer/declutterLabels.ts';
import './DollhouseView.css';

/**
 * What sits over the dollhouse: room markers as real buttons named after the rooms (the
 * frame loop moves them over their pins; Tab reaches them, Enter flies in), "Back to
 * panorama", and the measuring tape's switch, readout and label.
 */
export function DollhouseView({ controller, names, onClose }: { controller: DollhouseController; names: Map<string, string>; onClose: () => void }) {
  const { lang } = useI18n();
  const m = dollhouseMessages(lang);
  const touch = useCoarsePointer();
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const markerEls = useRef(new Map<string, HTMLButtonElement>());
  const sizes = useRef(new Map<string, { width: number; height: number }>());
  const label = useRef<HTMLDivElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const tape = state.tape;

  useEffect(() => back.current?.focus(), []);

  useEffect(
    () =>
      controller.onFrame((camera, w, h) => {
        const boxes: LabelBox[] = [];
        for (const mk of controller.markers) {
          const el = markerEls.current.get(mk.sceneId);
          if (!el) continue;
          const p = controller.project(mk.anchor, camera, w, h);
          el.dataset.onscreen = p.visible ? '1' : '0';
          // A label's full size, measured once while it shows its name (names do not change).
          let size = sizes.current.get(mk.sceneId);
          if (!size && el.dataset.collapsed !== '1' && el.offsetWidth > 0) sizes.current.set(mk.sceneId, (size = { width: el.offsetWidth, height: el.offsetHeight }));
          if (p.visible) boxes.push({ id: mk.sceneId, x: p.x, y: p.y, width: size?.width ?? 120, height: size?.height ?? 40 });
          else el.style.transform = `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px) translate(-50%, -100%)`;
        }
        // Lower on the screen is nearer in the dollhouse's view from above: those keep their names first.
        boxes.sort((a, b) => b.y - a.y);
        for (const [id, at] of declutterLabels(boxes, w)) {
          const el = markerEls.current.get(id)!;
          el.style.transform = `translate(${at.x.toFixed(1)}px, ${at.y.toFixed(1)}px) translate(-50%, -100%)`;
          el.dataset.collapsed = at.collapsed ? '1' : '0';
        }
        const mid = controller.getState().tape.midpoint;
        if (label.current && mid) {
          const p = controller.project({ x: mid[0], y: mid[1], z: mid[2] }, camera, w, h);
          label.current.style.transform = `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px) translate(-50%, -130%)`;
          label.current.dataset.onscreen = p.visible ? '1' : '0';
        }
      }),
    [controller],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !controller.flying) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, onClose]);

  const flying = state.flight !== null;
  const distance = tape.distance;
  const target = state.flightTarget ? names.get(state.flightTarget) ?? state.flightTarget : null;
  const status = state.status === 'error' ? 'error' : state.status !== 'ready' ? 'loading' : flying ? 'flying' : 'ready';
  return (
    <section className={`dollhouse-ui${flying ? ' flying' : ''}${state.measuring ? ' measuring' : ''}`} aria-label={m.dollhouseRegion} data-status={status}>
      <div className="dollhouse-markers" role="group" aria-label={m.rooms}>
        {controller.markers.map((mk) => (
          <button
            key={mk.sceneId}
            ref={(el) => void (el ? markerEls.current.set(mk.sceneId, el) : markerEls.current.delete(mk.sceneId))}
            className="dollhouse-marker"
            data-onscreen="0"
            disabled={flying}
            onClick={() => controller.flyTo(mk.sceneId)}
          >
            {names.get(mk.sceneId) ?? mk.sceneId}
          </button>
        ))}
      </div>
      {tape.complete && distance !== null && (
        <div ref={label} className="dollhouse-tape-label" data-onscreen="0" aria-hidden="true">
          {formatMetres(distance, lang)}
        </div>
      )}
      <div className="dollhouse-bar">
        <button ref={back} className="primary" onClick={onClose}>
          {m.backToPanorama}
        </button>
        <button aria-pressed={state.measuring} disabled={flying} onClick={() => controller.setMeasuring(!state.measuring)}>
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
            <path d="M1.5 12.5 12.5 1.5l4 4-11 11z M5 9l1.5 1.5 M7.5 6.5 9 8 M10 4l1.5 1.5" />
          </svg>
          {m.measure}
        </button>
        {state.measuring && tape.points.length > 0 && <button onClick={() => controller.clearMeasure()}>{m.clear}</button>}
        <p className="dollhouse-note" role="status" aria-live="polite">
          {state.status === 'error'
            ? m.modelFailed
            : state.status !== 'ready'
              ? m.loadingModel
              : target
                ? m.flyingInto(target)
                : state.measuring
                  ? distance !== null
                    ? `${m.distance}: ${formatMetres(distance, lang)}`
                    : tape.points.length === 1
                      ? touch
                        ? m.measureHintNextTouch
                        : m.measureHintNext
                      : touch
                        ? m.measureHint3dTouch
                        : m.measureHint3d
                  : ''}
        </p>
        {!state.measuring && !flying && <p className="dollhouse-help">{m.dollhouseHelp}</p>}
      </div>
    </section>
  );
}
