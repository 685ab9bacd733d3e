import { useRef } from 'react';
import type { FloorPlan } from '@protocol';
import { planPointFromPointer } from '../planPointFromPointer.ts';
import { useMuseumMessages } from './useMuseumMessages.ts';

/**
 * The museum map (its floor plan: drawing and hall outlines) to click or drag the exhibit's
 * point on; arrow keys move the marker (10 cm, Shift 1 m). The other exhibits show as grey
 * dots so neighbours are not placed on top of each other. The x/y fields beside do the same.
 */
export function MapPointPicker({
  plan,
  point,
  others,
  title,
  onChange,
}: {
  plan: FloorPlan;
  point: { x: number; y: number };
  /** The other exhibits' map points. */
  others: { id: string; x: number; y: number }[];
  title: string;
  onChange: (p: { x: number; y: number }) => void;
}) {
  const { mm } = useMuseumMessages();
  const board = useRef<HTMLDivElement>(null);
  const drag = useRef<number | null>(null);
  const dims = { width: plan.width, height: plan.height };
  const at = (e: React.PointerEvent) => planPointFromPointer(board.current!.getBoundingClientRect(), dims, e.clientX, e.clientY);
  const pct = (p: { x: number; y: number }) => ({ left: `${(p.x / plan.width) * 100}%`, top: `${(p.y / plan.height) * 100}%` });
  const clamp = (v: number, max: number) => Math.round(Math.max(0, Math.min(max, v)) * 100) / 100;
  return (
    <div
      className="host-plan host-map-picker"
      ref={board}
      style={{ aspectRatio: `${plan.width} / ${plan.height}` }}
      data-testid="map-picker"
      onPointerDown={(e) => {
        // A press anywhere on the map puts the exhibit there and keeps dragging it.
        if (e.button > 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = e.pointerId;
        onChange(at(e));
      }}
      onPointerMove={(e) => {
        if (drag.current === e.pointerId) onChange(at(e));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    >
      {plan.image && <img src={plan.image} alt="" />}
      <svg viewBox={`0 0 ${plan.width} ${plan.height}`} preserveAspectRatio="none" aria-hidden="true">
        {plan.rooms.map((r) => (
          <polygon key={r.sceneId} points={r.polygon.map(([x, y]) => `${x},${y}`).join(' ')} fill="#2b7fd111" stroke="#2b7fd1" vectorEffect="non-scaling-stroke" />
        ))}
      </svg>
      {others.map((o) => (
        <span key={o.id} className="host-map-other" style={pct(o)} aria-hidden="true" />
      ))}
      <button
        type="button"
        className="host-plan-marker"
        style={pct(point)}
        aria-label={mm.mapMarker(title, point.x, point.y)}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 1 : 0.1;
          const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
          if (!d) return;
          e.preventDefault();
          onChange({ x: clamp(point.x + d[0], plan.width), y: clamp(point.y + d[1], plan.height) });
        }}
      >
        <span className="host-plan-dot" aria-hidden="true" />
      </button>
    </div>
  );
}
