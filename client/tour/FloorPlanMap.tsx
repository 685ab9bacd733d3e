import { forwardRef } from 'react';
import type { FloorPlan, Scene } from '@protocol';
import { onLinkClick } from '../app/router.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { fitRoomLabel } from './fitRoomLabel.ts';

export interface FloorPlanMapProps {
  plan: FloorPlan;
  scenes: Scene[];
  label: string;
  currentScene?: string;
  /** Buttons (in the tour) … */
  onSelect?: (sceneId: string) => void;
  /** … or links (on the listing). */
  hrefFor?: (sceneId: string) => string;
}

/**
 * The floor plan, north up, one shape per room. In the tour, the forwarded ref is the
 * heading cone at the current room; the tour loop rotates it without re-rendering React.
 */
export const FloorPlanMap = forwardRef<SVGGElement, FloorPlanMapProps>(function FloorPlanMap(
  { plan, scenes, label, currentScene, onSelect, hrefFor },
  coneRef,
) {
  const { t, lang } = useI18n();
  const pad = 0.4;
  const here = scenes.find((s) => s.id === currentScene);
  return (
    <figure className="floor-plan">
      <svg
        viewBox={`${-pad} ${-pad} ${plan.width + 2 * pad} ${plan.height + 2 * pad}`}
        role="group"
        aria-label={label}
      >
        {/* The host's drawing, stretched over the plan's metres (its scale), under the room shapes. */}
        {plan.image && <image href={plan.image} x={0} y={0} width={plan.width} height={plan.height} preserveAspectRatio="none" />}
        {plan.rooms.map((r) => {
          const scene = scenes.find((s) => s.id === r.sceneId);
          if (!scene) return null;
          const name = roomName(lang, scene);
          const shape = (
            <polygon
              points={r.polygon.map((p) => p.join(',')).join(' ')}
              className={r.sceneId === currentScene ? 'room current' : 'room'}
            />
          );
          const [cx, cy] = centroid(r.polygon);
          const xs = r.polygon.map((p) => p[0]);
          const fit = fitRoomLabel(name, Math.max(...xs) - Math.min(...xs), Math.min(0.45, plan.width / 18));
          const text = (
            <text x={cx} y={cy + 0.55 - ((fit.lines.length - 1) * fit.size) / 2} className="room-label" fontSize={fit.size}>
              {fit.lines.map((l, i) => (
                <tspan key={i} x={cx} dy={i === 0 ? 0 : fit.size * 1.1}>
                  {l}
                </tspan>
              ))}
            </text>
          );
          if (hrefFor)
            return (
              <a key={r.sceneId} href={hrefFor(r.sceneId)} onClick={onLinkClick} aria-label={t.goTo(name)}>
                {shape}
                {text}
              </a>
            );
          return (
            <g
              key={r.sceneId}
              role="button"
              tabIndex={onSelect ? 0 : -1}
              aria-label={t.goTo(name)}
              aria-current={r.sceneId === currentScene ? 'location' : undefined}
              onClick={() => onSelect?.(r.sceneId)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect?.(r.sceneId);
                }
              }}
              className="room-button"
            >
              {shape}
              {text}
            </g>
          );
        })}
        {scenes.map((s) =>
          // A room placed on a drawing has no outline to click: its dot is the button.
          plan.rooms.some((r) => r.sceneId === s.id) || (!onSelect && !hrefFor) ? (
            <circle key={s.id} cx={s.floor.x} cy={s.floor.y} r={0.12} className="room-dot" />
          ) : hrefFor ? (
            <a key={s.id} href={hrefFor(s.id)} onClick={onLinkClick} aria-label={t.goTo(roomName(lang, s))}>
              <circle cx={s.floor.x} cy={s.floor.y} r={Math.max(0.25, plan.width / 40)} className="room-dot" />
            </a>
          ) : (
            <g
              key={s.id}
              role="button"
              tabIndex={0}
              aria-label={t.goTo(roomName(lang, s))}
              aria-current={s.id === currentScene ? 'location' : undefined}
              className="room-button"
              onClick={() => onSelect?.(s.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect?.(s.id);
                }
              }}
            >
              <circle cx={s.floor.x} cy={s.floor.y} r={Math.max(0.25, plan.width / 40)} className="room-dot" />
            </g>
          ),
        )}
        {here && (
          <g transform={`translate(${here.floor.x} ${here.floor.y})`} aria-label={t.youAreHere}>
            <g ref={coneRef} className="heading-cone">
              <path d="M0 0 L-0.9 -1.6 A1.8 1.8 0 0 1 0.9 -1.6 Z" />
            </g>
            <circle r={0.2} className="you" />
          </g>
        )}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
});

function centroid(poly: [number, number][]): [number, number] {
  const n = poly.length || 1;
  return [poly.reduce((s, p) => s + p[0], 0) / n, poly.reduce((s, p) => s + p[1], 0) / n];
}
