import { useId, useState } from 'react';
import type { HostPlace, Scene } from '@protocol';
import { onLinkClick } from '../app/router.ts';
import { roomName } from '../i18n/useI18n.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { placePatchFor } from './placePatchFor.ts';
import { hostHref } from './parseHostRoute.ts';
import { replaceScene } from './replaceScene.ts';
import { sceneThumbUrl } from './sceneThumbUrl.ts';
import { useHostMessages } from './useHostMessages.ts';

/**
 * The place's rooms: which one the tour starts in and which is the cover, and per room
 * rename, delete (after a confirmation in place, not a browser dialog) and its editor.
 */
export function RoomList({ place, onChange, onDeleted }: { place: HostPlace; onChange: (p: HostPlace) => void; onDeleted: () => void }) {
  const { m, lang } = useHostMessages();
  const { api } = useHost();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const startId = useId();
  const coverId = useId();
  const scenes = place.tour.scenes;
  if (scenes.length === 0) return <p className="empty-state">{m.noRooms}</p>;
  const coverScene = coverSceneOf(place);
  const patch = async (body: { startScene?: string; coverScene?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await api.patchPlace(place.id, placePatchFor(place, body)));
    } catch (e) {
      setError(describeError(m, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="host-inline-fields">
        <div className="host-field">
          <label htmlFor={startId}>{m.startRoom}</label>
          <select id={startId} value={place.tour.startScene} disabled={busy} onChange={(e) => patch({ startScene: e.target.value })}>
            {scenes.map((s) => (
              <option key={s.id} value={s.id}>
                {roomName(lang, s)}
              </option>
            ))}
          </select>
        </div>
        <div className="host-field">
          <label htmlFor={coverId}>{m.coverRoom}</label>
          <select id={coverId} value={coverScene} disabled={busy} onChange={(e) => patch({ coverScene: e.target.value })}>
            {scenes.map((s) => (
              <option key={s.id} value={s.id}>
                {roomName(lang, s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
      <ul className="host-rooms" aria-label={m.roomsHeading}>
        {scenes.map((s) => (
          <RoomRow
            key={s.id}
            place={place}
            scene={s}
            isStart={s.id === place.tour.startScene}
            isCover={s.id === coverScene}
            onChange={onChange}
            onDeleted={onDeleted}
          />
        ))}
      </ul>
    </>
  );
}

/** The cover the server uses: the room whose cover.jpg the listing shows. */
function coverSceneOf(place: HostPlace): string {
  const hit = place.tour.scenes.find((s) => sceneThumbUrl(s) === place.coverUrl);
  return hit?.id ?? place.tour.startScene;
}

function RoomRow({
  place,
  scene,
  isStart,
  isCover,
  onChange,
  onDeleted,
}: {
  place: HostPlace;
  scene: Scene;
  isStart: boolean;
  isCover: boolean;
  onChange: (p: HostPlace) => void;
  onDeleted: () => void;
}) {
  const { m, lang } = useHostMessages();
  const { api } = useHost();
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [name, setName] = useState(scene.name);
  const [nameZh, setNameZh] = useState(scene.nameZh ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uid = useId();
  const label = roomName(lang, scene);

  const rename = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError(m.problem_required);
    setBusy(true);
    setError(null);
    try {
      onChange(replaceScene(place, await api.patchScene(place.id, scene.id, { name: name.trim(), nameZh: nameZh.trim() })));
      setMode('view');
    } catch (err) {
      setError(describeError(m, err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteScene(place.id, scene.id);
      onDeleted();
    } catch (err) {
      setError(describeError(m, err));
      setBusy(false);
    }
  };

  return (
    <li className="host-room" aria-labelledby={`${uid}-name`}>
      <img src={sceneThumbUrl(scene)} alt="" width={120} height={75} loading="lazy" />
      <div className="host-room-body">
        <p className="host-room-name">
          <strong id={`${uid}-name`}>{label}</strong>
          {isStart && <span className="host-tag">{m.isStart}</span>}
          {isCover && <span className="host-tag">{m.isCover}</span>}
        </p>
        {mode === 'rename' ? (
          <form className="host-rename" onSubmit={rename}>
            <div className="host-field">
              <label htmlFor={`${uid}-n`}>{m.roomName}</label>
              <input id={`${uid}-n`} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus />
            </div>
            <div className="host-field">
              <label htmlFor={`${uid}-nz`}>{m.roomNameZh}</label>
              <input id={`${uid}-nz`} value={nameZh} onChange={(e) => setNameZh(e.target.value)} maxLength={80} lang="zh-CN" />
            </div>
            <div className="host-actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? m.saving : m.save}
              </button>
              <button type="button" onClick={() => (setMode('view'), setError(null), setName(scene.name), setNameZh(scene.nameZh ?? ''))}>
                {m.cancel}
              </button>
            </div>
          </form>
        ) : mode === 'confirm-delete' ? (
          <div className="host-confirm" role="group" aria-labelledby={`${uid}-q`}>
            <p id={`${uid}-q`}>{m.confirmDeleteRoom(label)}</p>
            <div className="host-actions">
              <button type="button" className="danger" onClick={remove} disabled={busy} autoFocus>
                {m.confirmDelete}
              </button>
              <button type="button" onClick={() => setMode('view')}>
                {m.keep}
              </button>
            </div>
          </div>
        ) : (
          <div className="host-actions">
            <a className="button" href={hostHref({ page: 'room', placeId: place.id, sceneId: scene.id })} onClick={onLinkClick} aria-label={`${m.editRoom}: ${label}`}>
              {m.editRoom}
            </a>
            <button type="button" onClick={() => setMode('rename')} aria-label={`${m.rename}: ${label}`}>
              {m.rename}
            </button>
            <button type="button" onClick={() => setMode('confirm-delete')} aria-label={`${m.deleteRoom}: ${label}`}>
              {m.deleteRoom}
            </button>
          </div>
        )}
        {error && (
          <p className="host-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
