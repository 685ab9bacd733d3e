import { useId } from 'react';
import type { HostPlace } from '@protocol';
import { NumberField } from '../NumberField.tsx';
import type { ExhibitDraft } from './exhibitDraft.ts';
import { MapPointPicker } from './MapPointPicker.tsx';
import { useMuseumMessages } from './useMuseumMessages.ts';

/**
 * Where the exhibit stands: in which hall and in which direction from the hall's camera
 * (its hotspot there), and its point on the museum map in metres (the floor plan's scale).
 */
export function PlacementFields({
  place,
  exhibitId,
  title,
  hall,
  map,
  onChange,
}: {
  place: HostPlace;
  exhibitId: string;
  title: string;
  hall: ExhibitDraft['hall'];
  map: ExhibitDraft['map'];
  onChange: (next: Partial<Pick<ExhibitDraft, 'hall' | 'map'>>) => void;
}) {
  const { mm, lang } = useMuseumMessages();
  const uid = useId();
  const halls = place.tour.scenes;
  const plan = place.tour.floorPlan;
  const hallName = (s: (typeof halls)[number]) => (lang === 'zh-CN' && s.nameZh ? s.nameZh : s.name);
  return (
    <>
      {halls.length === 0 ? (
        <p className="host-hint">{mm.noHalls}</p>
      ) : (
        <div className="host-field">
          <label htmlFor={`${uid}-hall`}>{mm.hall}</label>
          <select
            id={`${uid}-hall`}
            value={hall?.sceneId ?? ''}
            onChange={(e) => onChange({ hall: e.target.value ? { sceneId: e.target.value, yaw: hall?.yaw ?? 0, pitch: hall?.pitch ?? 0 } : null })}
          >
            <option value="">{mm.noHall}</option>
            {halls.map((s) => (
              <option key={s.id} value={s.id}>
                {hallName(s)}
              </option>
            ))}
          </select>
        </div>
      )}
      {hall && (
        <div className="host-pair">
          <NumberField id={`${uid}-yaw`} label={mm.yaw} value={hall.yaw} min={-180} max={180} onChange={(yaw) => onChange({ hall: { ...hall, yaw } })} />
          <NumberField id={`${uid}-pitch`} label={mm.pitch} value={hall.pitch} min={-90} max={90} onChange={(pitch) => onChange({ hall: { ...hall, pitch } })} />
        </div>
      )}
      {/* The map is the floor plan: with none drawn there is nowhere for a point to show (the server refuses one). */}
      <div className="host-check">
        <input
          id={`${uid}-map`}
          type="checkbox"
          disabled={!plan && map === null}
          aria-describedby={plan ? undefined : `${uid}-no-map`}
          checked={map !== null}
          onChange={(e) => onChange({ map: e.target.checked ? { x: round((plan?.width ?? 10) / 2), y: round((plan?.height ?? 10) / 2) } : null })}
        />
        <label htmlFor={`${uid}-map`}>{mm.onMap}</label>
      </div>
      {map && plan && (
        <>
          <p className="host-hint" id={`${uid}-map-help`}>
            {mm.mapHelp}
          </p>
          <MapPointPicker
            plan={plan}
            point={map}
            title={title}
            others={(place.exhibits ?? []).flatMap((e) => (e.id !== exhibitId && e.map ? [{ id: e.id, ...e.map }] : []))}
            onChange={(p) => onChange({ map: p })}
          />
        </>
      )}
      {!plan && (
        <p className="host-hint" id={`${uid}-no-map`}>
          {mm.noMapYet}
        </p>
      )}
      {map && plan && (
        <div className="host-pair">
          <NumberField id={`${uid}-mx`} label={mm.mapX} value={map.x} min={0} max={plan?.width} onChange={(x) => onChange({ map: { ...map, x } })} />
          <NumberField id={`${uid}-my`} label={mm.mapY} value={map.y} min={0} max={plan?.height} onChange={(y) => onChange({ map: { ...map, y } })} />
        </div>
      )}
    </>
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
