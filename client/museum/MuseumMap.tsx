import type { Place } from '@protocol';
import { onLinkClick } from '../app/router.ts';
import { museumMessages } from '../i18n/museumMessages.ts';
import { roomName, useI18n } from '../i18n/useI18n.ts';
import { exhibitHref } from './exhibitHref.ts';
import { exhibitTitle } from './exhibitTitle.ts';
import type { MuseumRoute } from './planMuseumRoute.ts';

export interface MuseumMapProps {
  place: Place;
  route: MuseumRoute;
  /** Where you are, when picked (else the route starts in the first hall). */
  here?: { exhibitId: string } | { hallId: string };
  /** While on, tapping an exhibit marks you there instead of opening its page. */
  picking: boolean;
  onPickHall: (hallId: string) => void;
  onPickExhibit: (exhibitId: string) => void;
}

/**
 * The museum map from the tour's floor plan: halls as shapes with their names (tap one: you are
 * in it), exhibits as numbered markers that are links to their pages (numbered in the walk's
 * order), the suggested walk as a line through them, and "you are here".
 */
export function MuseumMap({ place, route, here, picking, onPickHall, onPickExhibit }: MuseumMapProps) {
  const { lang } = useI18n();
  const m = museumMessages(lang);
  const plan = place.tour.floorPlan;
  if (!plan) return null;
  const size = Math.max(plan.width, plan.height);
  const r = Math.max(0.35, size / 32);
  const pad = r * 1.5;
  const stepOf = new Map(route.stops.map((s, i) => [s.exhibitId, i + 1]));
  const hereExhibit = here && 'exhibitId' in here ? here.exhibitId : undefined;
  const hereHall = here && 'hallId' in here ? here.hallId : undefined;
  const line = [route.start, ...route.stops.map((s) => s.point)].map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <figure className="museum-map floor-plan" data-picking={picking ? '1' : '0'}>
      <svg viewBox={`${-pad} ${-pad} ${plan.width + 2 * pad} ${plan.height + 2 * pad}`} role="group" aria-label={m.mapLabel}>
        {plan.image && <image href={plan.image} x={0} y={0} width={plan.width} height={plan.height} preserveAspectRatio="none" />}
        {plan.rooms.map((room) => {
          const scene = place.tour.scenes.find((s) => s.id === room.sceneId);
          if (!scene || room.polygon.length === 0) return null;
          const name = roomName(lang, scene);
          const cx = room.polygon.reduce((s, p) => s + p[0], 0) / room.polygon.length;
          const top = Math.min(...room.polygon.map((p) => p[1]));
          const wide = Math.max(...room.polygon.map((p) => p[0])) - Math.min(...room.polygon.map((p) => p[0]));
          // The name fits the hall's width (a wide CJK glyph counts as a whole em, Latin about half).
          const ems = [...name].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.58), 0);
          const fontSize = Math.min(r * 0.95, (wide * 0.9) / Math.max(ems, 1));
          const pick = () => onPickHall(room.sceneId);
          return (
            <g
              key={room.sceneId}
              role="button"
              tabIndex={0}
              aria-label={m.imIn(name)}
              aria-pressed={hereHall === room.sceneId}
              className="room-button hall"
              data-hall={room.sceneId}
              onClick={pick}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  pick();
                }
              }}
            >
              <polygon points={room.polygon.map((p) => p.join(',')).join(' ')} className={hereHall === room.sceneId ? 'room current' : 'room'} />
              <text x={cx} y={top + fontSize * 1.3} className="room-label" fontSize={fontSize}>
                {name}
              </text>
            </g>
          );
        })}
        {route.stops.length > 0 && <polyline points={line} className="route-line" strokeWidth={r * 0.22} strokeDasharray={`${r * 0.6} ${r * 0.35}`} aria-hidden="true" />}
        {(place.exhibits ?? []).map((e) => {
          if (!e.map) return null;
          const step = stepOf.get(e.id) ?? null;
          const title = exhibitTitle(lang, e);
          const isHere = e.id === hereExhibit;
          return (
            <a
              key={e.id}
              href={exhibitHref(place.id, e.id)}
              className={['exhibit-marker', step === null ? 'off-route' : 'on-route', e.role === 'site' ? 'site' : '', isHere ? 'here' : ''].join(' ').trim()}
              data-exhibit={e.id}
              data-step={step ?? ''}
              aria-label={isHere ? m.hereMarker(m.exhibitMarker(step, title)) : m.exhibitMarker(step, title)}
              onClick={(ev) => {
                if (picking) {
                  ev.preventDefault();
                  onPickExhibit(e.id);
                } else onLinkClick(ev);
              }}
            >
              {/* A larger clear circle: a finger-sized target around a small marker. */}
              <circle cx={e.map.x} cy={e.map.y} r={r * 1.6} className="hit" />
              {e.role === 'site' ? (
                <rect x={e.map.x - r} y={e.map.y - r} width={2 * r} height={2 * r} rx={r * 0.3} className="marker" />
              ) : (
                <circle cx={e.map.x} cy={e.map.y} r={step === null ? r * 0.6 : r} className="marker" />
              )}
              {step !== null && (
                <text x={e.map.x} y={e.map.y} className="marker-number" fontSize={r * 1.1} aria-hidden="true">
                  {step}
                </text>
              )}
            </a>
          );
        })}
        <g className="you-are-here" transform={`translate(${route.start.x} ${route.start.y})`} aria-hidden="true" pointerEvents="none">
          <circle r={r * 1.9} className="you-ring" />
          {/* At an exhibit the ring circles its marker; the dot would hide the number. */}
          {!route.startExhibitId && <circle r={r * 0.45} className="you" />}
          <text y={-r * 2.2} className="you-label" fontSize={r * 0.85}>
            {m.youAreHere}
          </text>
        </g>
      </svg>
    </figure>
  );
}
