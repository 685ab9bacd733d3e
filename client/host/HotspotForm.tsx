import { useEffect, useId, useRef } from 'react';
import type { Exhibit, Hotspot } from '@protocol';
import { MUSEUM_HOST_MESSAGES } from '../i18n/museumHostMessages.ts';
import { withHotspotKind } from './makeHotspot.ts';
import { exhibitTitle } from './museum/exhibitTitle.ts';
import { NumberField } from './NumberField.tsx';
import { useHostMessages } from './useHostMessages.ts';
import { placeTextMessages } from '../i18n/placeTextMessages.ts';

/**
 * Every hotspot of the room as a form: type, where it leads (or its title and text), and
 * yaw/pitch as numbers — the keyboard and screen-reader way to do what dragging does.
 */
export function HotspotForm({
  hotspots,
  rooms,
  names,
  selected,
  focusRequest,
  onSelect,
  onChange,
  onDelete,
  onLookAt,
  exhibits,
}: {
  hotspots: Hotspot[];
  /** A museum's exhibits: a hotspot in a hall may open one. */
  exhibits?: Pick<Exhibit, 'id' | 'title' | 'titleZh'>[];
  /** Rooms a hotspot here may lead to (every room but this one). */
  rooms: { id: string; name: string }[];
  names: Map<string, string>;
  selected: string | null;
  /** Bumped when a new hotspot should take focus (after a click in the panorama). */
  focusRequest: { id: string; n: number } | null;
  onSelect: (id: string) => void;
  onChange: (h: Hotspot) => void;
  onDelete: (id: string) => void;
  onLookAt: (h: Hotspot) => void;
}) {
  const { m, lang } = useHostMessages();
  const tm = placeTextMessages(lang);
  const mm = MUSEUM_HOST_MESSAGES[lang];
  const exhibitName = (id: string) => {
    const e = exhibits?.find((x) => x.id === id);
    return e ? exhibitTitle(e, lang) : id;
  };
  const uid = useId();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!focusRequest) return;
    const first = list.current?.querySelector<HTMLElement>(`[data-hotspot-row="${CSS.escape(focusRequest.id)}"] select`);
    first?.focus({ preventScroll: true });
    // Only where the panel scrolls by itself; on a phone that would scroll the panorama away.
    if (window.matchMedia('(min-width: 900px)').matches) first?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest]);

  if (hotspots.length === 0) return <p className="empty-state host-empty-small">{m.noHotspots}</p>;
  return (
    <ol className="host-hotspot-list" ref={list}>
      {hotspots.map((h, i) => {
        const id = `${uid}-${i}`;
        const title =
          h.kind === 'scene' ? `${m.hotspotN(i + 1)} → ${names.get(h.target) ?? h.target}` : h.kind === 'info' ? `${m.hotspotN(i + 1)}: ${h.title || m.kindInfo}` : `${m.hotspotN(i + 1)}: ${exhibitName(h.exhibitId)}`;
        return (
          <li key={h.id} data-hotspot-row={h.id} className={selected === h.id ? 'selected' : ''} onFocusCapture={() => selected !== h.id && onSelect(h.id)}>
            <fieldset>
              <legend>{title}</legend>
              <div className="host-field">
                <label htmlFor={`${id}-kind`}>{m.hotspotKind}</label>
                <select
                  id={`${id}-kind`}
                  value={h.kind}
                  onChange={(e) => {
                    const kind = e.target.value as Hotspot['kind'];
                    if (kind === 'exhibit' && exhibits?.length) onChange({ id: h.id, kind: 'exhibit', exhibitId: exhibits[0].id, yaw: h.yaw, pitch: h.pitch });
                    else onChange(withHotspotKind(h, kind, rooms[0]?.id));
                  }}
                >
                  <option value="scene" disabled={rooms.length === 0 && h.kind !== 'scene'}>
                    {m.kindScene}
                  </option>
                  <option value="info">{m.kindInfo}</option>
                  {(Boolean(exhibits?.length) || h.kind === 'exhibit') && (
                    <option value="exhibit" disabled={!exhibits?.length}>
                      {mm.kindExhibit}
                    </option>
                  )}
                </select>
                {rooms.length === 0 && h.kind !== 'scene' && <span className="host-hint">{m.noOtherRooms}</span>}
              </div>
              {h.kind === 'scene' ? (
                <div className="host-field">
                  <label htmlFor={`${id}-target`}>{m.target}</label>
                  <select id={`${id}-target`} value={h.target} onChange={(e) => onChange({ ...h, target: e.target.value })}>
                    {!rooms.some((r) => r.id === h.target) && <option value={h.target}>{names.get(h.target) ?? h.target}</option>}
                    {rooms.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                </div>
              ) : h.kind === 'info' ? (
                <>
                  {/* Title and text in both languages; a reader of the Chinese interface sees the English when the Chinese is empty. */}
                  <div className="host-field">
                    <label htmlFor={`${id}-title`}>{tm.infoTitleEn}</label>
                    <input id={`${id}-title`} lang="en" value={h.title} maxLength={120} aria-invalid={!h.title.trim()} onChange={(e) => onChange({ ...h, title: e.target.value })} />
                  </div>
                  <div className="host-field">
                    <label htmlFor={`${id}-title-zh`}>{tm.infoTitleZh}</label>
                    <input id={`${id}-title-zh`} lang="zh-CN" value={h.titleZh ?? ''} maxLength={120} onChange={(e) => onChange({ ...h, titleZh: e.target.value })} />
                  </div>
                  <div className="host-field">
                    <label htmlFor={`${id}-text`}>{tm.infoTextEn}</label>
                    <textarea id={`${id}-text`} lang="en" value={h.text} rows={3} maxLength={2000} onChange={(e) => onChange({ ...h, text: e.target.value })} />
                  </div>
                  <div className="host-field">
                    <label htmlFor={`${id}-text-zh`}>{tm.infoTextZh}</label>
                    <textarea id={`${id}-text-zh`} lang="zh-CN" value={h.textZh ?? ''} rows={3} maxLength={2000} onChange={(e) => onChange({ ...h, textZh: e.target.value })} />
                  </div>
                </>
              ) : (
                <div className="host-field">
                  <label htmlFor={`${id}-exhibit`}>{mm.hotspotExhibit}</label>
                  <select id={`${id}-exhibit`} value={h.exhibitId} onChange={(e) => onChange({ ...h, exhibitId: e.target.value })}>
                    {!exhibits?.some((x) => x.id === h.exhibitId) && <option value={h.exhibitId}>{h.exhibitId}</option>}
                    {exhibits?.map((x) => (
                      <option key={x.id} value={x.id}>
                        {exhibitTitle(x, lang)}
                      </option>
                    ))}
                  </select>
                  {!exhibits?.length && <span className="host-hint">{mm.noExhibitsForHotspot}</span>}
                </div>
              )}
              <div className="host-pair">
                <NumberField id={`${id}-yaw`} label={m.yaw} value={h.yaw} min={-180} max={180} onChange={(yaw) => onChange({ ...h, yaw })} />
                <NumberField id={`${id}-pitch`} label={m.pitch} value={h.pitch} min={-90} max={90} onChange={(pitch) => onChange({ ...h, pitch })} />
              </div>
              <div className="host-actions">
                <button type="button" className="host-small" onClick={() => onLookAt(h)}>
                  {m.lookAt}
                </button>
                <button type="button" className="host-small danger" onClick={() => onDelete(h.id)}>
                  {m.deleteHotspot}
                </button>
              </div>
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}
