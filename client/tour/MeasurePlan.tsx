import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { FloorPlan, Scene } from '@protocol';
import { dollhouseMessages } from '../i18n/dollhouseMessages.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { useCoarsePointer } from './useCoarsePointer.ts';
import { snapToPlan } from '../viewer/measureSnap.ts';
import { formatMetres, MeasureTape } from '../viewer/measureTape.ts';

type PlanPoint = [number, number];

const PAD = 0.4;
/** How close (CSS px) a click must land to a corner to snap to it; walls snap at half that. */
const SNAP_PX = 12;
const KEY_STEP = 0.05;
const KEY_STEP_LARGE = 0.5;

/**
 * "Measure" on the floor plan: a button that opens a larger copy of the plan on which two
 * clicks (or arrow keys and Enter) give the distance in metres. The plan is drawn in metres
 * (its viewBox), so a click's position in the SVG's user space is its plan position.
 */
export function MeasurePlan({ plan, scenes }: { plan: FloorPlan; scenes: readonly Scene[] }) {
  const { lang } = useI18n();
  const m = dollhouseMessages(lang);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} aria-pressed={open} aria-label={m.measurePlan} onClick={() => (open ? close() : setOpen(true))}>
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M1.5 12.5 12.5 1.5l4 4-11 11z M5 9l1.5 1.5 M7.5 6.5 9 8 M10 4l1.5 1.5" />
        </svg>
        {m.measure}
      </button>
      {open && <MeasurePlanDialog plan={plan} scenes={scenes} onClose={close} />}
    </>
  );
}

function MeasurePlanDialog({ plan, scenes, onClose }: { plan: FloorPlan; scenes: readonly Scene[]; onClose: () => void }) {
  const { lang } = useI18n();
  // A phone is tapped, not clicked, and has no arrow keys to mention.
  const touch = useCoarsePointer();
  const m = dollhouseMessages(lang);
  const svg = useRef<SVGSVGElement>(null);
  const [tape, setTape] = useState(() => new MeasureTape<PlanPoint>());
  const [hover, setHover] = useState<PlanPoint | null>(null);
  const [cursor, setCursor] = useState<PlanPoint | null>(null);

  useEffect(() => svg.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  /** Plan metres under a pointer, snapped to a nearby corner or wall. */
  const planPoint = (clientX: number, clientY: number): PlanPoint | null => {
    const ctm = svg.current?.getScreenCTM();
    if (!ctm) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    const pxPerMetre = Math.hypot(ctm.a, ctm.b) || 1;
    return snapToPlan([p.x, p.y], plan, SNAP_PX / pxPerMetre).point;
  };
  const add = (p: PlanPoint) => setTape((t) => t.add(p));

  const onKeyDown = (e: ReactKeyboardEvent) => {
    // The panorama turns on arrow keys anywhere in the page; not while they move the cross here.
    if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', ' ', '+', '-', '=', '_'].includes(e.key)) e.stopPropagation();
    const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    const c = cursor ?? [plan.width / 2, plan.height / 2];
    const move: Record<string, PlanPoint> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (move[e.key]) {
      e.preventDefault();
      const clamp = (v: number, max: number) => Math.round(Math.max(-PAD, Math.min(max + PAD, v)) * 1000) / 1000;
      setCursor([clamp(c[0] + move[e.key][0], plan.width), clamp(c[1] + move[e.key][1], plan.height)]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setCursor(c);
      add(c);
    }
  };

  const fontSize = Math.min(0.32, plan.width / 26);
  const [a, b] = tape.points;
  const end = b ?? (a && (hover ?? cursor)) ?? null;
  const distance = tape.distance;
  const live = a && end ? Math.hypot(end[0] - a[0], end[1] - a[1]) : null;
  return (
    <div className="measure-plan" role="dialog" aria-labelledby="measure-plan-title">
      <header>
        <h2 id="measure-plan-title">{m.measurePlanTitle}</h2>
        <button onClick={onClose}>{m.close}</button>
      </header>
      <p className="hint" id="measure-plan-hint">
        {touch ? m.measurePlanHintTouch : m.measurePlanHint}
      </p>
      <svg
        ref={svg}
        viewBox={`${-PAD} ${-PAD} ${plan.width + 2 * PAD} ${plan.height + 2 * PAD}`}
        tabIndex={0}
        role="application"
        aria-label={m.measurePlanSurface}
        aria-describedby="measure-plan-hint"
        onClick={(e) => {
          const p = planPoint(e.clientX, e.clientY);
          if (p) add(p);
        }}
        onPointerMove={(e) => setHover(planPoint(e.clientX, e.clientY))}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
      >
        {plan.image && <image href={plan.image} x={0} y={0} width={plan.width} height={plan.height} preserveAspectRatio="none" opacity={0.6} />}
        {plan.rooms.map((r) => {
          const scene = scenes.find((s) => s.id === r.sceneId);
          const n = r.polygon.length || 1;
          const cx = r.polygon.reduce((s, p) => s + p[0], 0) / n, cy = r.polygon.reduce((s, p) => s + p[1], 0) / n;
          return (
            <g key={r.sceneId}>
              <polygon points={r.polygon.map((p) => p.join(',')).join(' ')} className="room" />
              {scene && (
                <text x={cx} y={cy} className="room-label" fontSize={fontSize}>
                  {roomName(lang, scene)}
                </text>
              )}
            </g>
          );
        })}
        {cursor && (
          <g className="cursor" transform={`translate(${cursor[0]} ${cursor[1]})`}>
            <line x1={-0.25} x2={0.25} y1={0} y2={0} />
            <line x1={0} x2={0} y1={-0.25} y2={0.25} />
          </g>
        )}
        {a && end && <line className="tape" x1={a[0]} y1={a[1]} x2={end[0]} y2={end[1]} strokeDasharray={b ? undefined : '0.12 0.1'} />}
        {tape.points.map((p, i) => (
          <circle key={i} className="tape-end" cx={p[0]} cy={p[1]} r={0.09} />
        ))}
        {a && end && live !== null && live > 0.005 && (
          <text className="tape-label" x={(a[0] + end[0]) / 2} y={(a[1] + end[1]) / 2 - 0.2} fontSize={fontSize * 1.1} data-testid="measure-plan-label">
            {formatMetres(live, lang)}
          </text>
        )}
      </svg>
      <footer>
        <output aria-live="polite" data-testid="measure-plan-distance">
          {distance !== null ? `${m.distance}: ${formatMetres(distance, lang)}` : a ? (touch ? m.measureHintNextTouch : m.measureHintNext) : ''}
        </output>
        {tape.points.length > 0 && <button onClick={() => setTape(new MeasureTape())}>{m.clear}</button>}
      </footer>
    </div>
  );
}
