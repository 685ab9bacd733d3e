import { Canvas } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type * as THREE from 'three';
import type { Hotspot, HostPlace, Scene, View } from '@protocol';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { onLinkClick } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { roomName } from '../i18n/useI18n.ts';
import { PanoramaLayer } from '../scene/PanoramaLayer.tsx';
import { hasWebGL } from '../tour/hasWebGL.ts';
import { TourController } from '../viewer/TourController.ts';
import { roundView } from '../viewer/viewMath.ts';
import { describeError } from './describeError.ts';
import { useHost } from './HostContext.ts';
import { HostHeading } from './HostHeading.tsx';
import { HostNotFound } from './HostNotFound.tsx';
import { HotspotForm } from './HotspotForm.tsx';
import { HotspotMarkers } from './HotspotMarkers.tsx';
import { returnDoor } from './returnDoor.ts';
import { makeHotspot } from './makeHotspot.ts';
import { hostHref } from './parseHostRoute.ts';
import { pickYawPitch } from './pickYawPitch.ts';
import { replaceScene } from './replaceScene.ts';
import { uploadQueueFor } from './uploadQueueFor.ts';
import { useHostMessages } from './useHostMessages.ts';
import { useHostPlace } from './useHostPlace.ts';

declare global {
  interface Window {
    /** Read by e2e tests: the hotspot editor's tour (room, view, viewer status). */
    __vantageHost?: { tour: TourController };
  }
}

/** A press that moves less than this is a click (drop a hotspot), more is a drag (look around). */
const CLICK_SLOP_PX = 6;

/** /host/places/:id/rooms/:sceneId — place and link hotspots visually; set the start view and north. */
export function RoomEditorPage({ placeId, sceneId }: { placeId: string; sceneId: string }) {
  const { m, t } = useHostMessages();
  const { api } = useHost();
  const { place, reload, set } = useHostPlace(placeId);
  // Rooms still uploading from the place's page appear here as they finish.
  useEffect(() => uploadQueueFor(api, placeId).onUploaded(reload), [api, placeId, reload]);
  useTitle(place.state === 'ready' ? place.data.title : m.consoleTitle);
  if (place.state === 'loading') return <LoadingBlock />;
  if (place.state === 'error') {
    if (place.error.status === 404) return <HostNotFound message={m.placeNotFound} />;
    return (
      <div className="error-state" role="alert">
        <p>{describeError(m, place.error)}</p>
        <button type="button" onClick={reload}>
          {t.retry}
        </button>
      </div>
    );
  }
  if (!place.data.tour.scenes.some((s) => s.id === sceneId)) return <HostNotFound message={m.roomNotFound(sceneId.slice(0, 64))} />;
  return <RoomEditor place={place.data} sceneId={sceneId} onSaved={(scene) => set(replaceScene(place.data, scene))} />;
}

interface Draft {
  sceneId: string;
  hotspots: Hotspot[];
  initialView: View;
  north: number;
}
const draftOf = (s: Scene): Draft => ({ sceneId: s.id, hotspots: s.hotspots, initialView: s.initialView, north: s.north });
const sameDraft = (d: Draft, s: Scene) => JSON.stringify([d.hotspots, d.initialView, d.north]) === JSON.stringify([s.hotspots, s.initialView, s.north]);

function RoomEditor({ place, sceneId, onSaved }: { place: HostPlace; sceneId: string; onSaved: (s: Scene) => void }) {
  const { m, lang } = useHostMessages();
  const { api } = useHost();
  const scene = place.tour.scenes.find((s) => s.id === sceneId)!;
  // One controller for the visit: switching rooms walks, as in the tour. A room uploaded
  // meanwhile (uploads go on in the background) needs a controller that knows it.
  const roomIds = place.tour.scenes.map((s) => s.id).join('\n');
  const tour = useMemo(() => new TourController({ ...place.tour, startScene: sceneId }, { sceneId }), [place.id, roomIds]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => tour.dispose(), [tour]);
  // The controller's copy of each room is from when the page opened; the start view may have been saved since.
  const latest = useRef(scene);
  latest.current = scene;
  useEffect(() => {
    tour.goTo(sceneId, tour.scene.id === sceneId ? undefined : latest.current.initialView);
  }, [tour, sceneId]);
  useEffect(() => {
    window.__vantageHost = { tour };
    return () => void delete window.__vantageHost;
  }, [tour]);

  const [draft, setDraft] = useState<Draft>(() => draftOf(scene));
  const [selected, setSelected] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number } | null>(null);
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'saved' } | { kind: 'error'; text: string }>({ kind: 'idle' });
  // Another room opened: start from what it has saved ("adjusting state on a prop change").
  if (draft.sceneId !== scene.id) {
    setDraft(draftOf(scene));
    setSelected(null);
    setStatus({ kind: 'idle' });
  }
  const dirty = !sameDraft(draft, scene);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const names = useMemo(() => new Map(place.tour.scenes.map((s) => [s.id, roomName(lang, s)])), [place, lang]);
  const others = useMemo(() => place.tour.scenes.filter((s) => s.id !== scene.id).map((s) => ({ id: s.id, name: roomName(lang, s) })), [place, scene.id, lang]);

  const [webgl] = useState(hasWebGL);
  const pane = useRef<HTMLDivElement>(null);
  const camera = useRef<THREE.PerspectiveCamera | null>(null);
  const readout = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let last = '';
    return tour.onFrame((cam) => {
      camera.current = cam;
      const v = roundView(tour.view.view);
      const text = m.lookingAt(Math.round(v.yaw), Math.round(v.pitch));
      if (text !== last && readout.current) readout.current.textContent = last = text;
    });
  }, [tour, m]);
  const pick = useCallback((clientX: number, clientY: number) => {
    const el = pane.current;
    if (!el || !camera.current) return null;
    const r = el.getBoundingClientRect();
    return pickYawPitch(camera.current, clientX - r.left, clientY - r.top, r.width, r.height);
  }, []);

  const edit = (change: (hs: Hotspot[]) => Hotspot[]) => {
    setDraft((d) => ({ ...d, hotspots: change(d.hotspots) }));
    setStatus({ kind: 'idle' });
  };
  const add = useCallback(
    (at: { yaw: number; pitch: number }) => {
      const h = makeHotspot(at, others[0]?.id);
      setDraft((d) => ({ ...d, hotspots: [...d.hotspots, h] }));
      setSelected(h.id);
      setFocusRequest({ id: h.id, n: Date.now() });
      setStatus({ kind: 'idle' });
    },
    [others],
  );
  const addRef = useRef(add);
  addRef.current = add;

  // Look around by dragging (the view controller); a press that stays put drops a hotspot there.
  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    const detach = tour.view.attach(el, el);
    let press: { id: number; x: number; y: number; multi: boolean } | null = null;
    const down = (e: PointerEvent) => {
      if (e.button > 0) return;
      if (press) press.multi = true;
      else press = { id: e.pointerId, x: e.clientX, y: e.clientY, multi: false };
    };
    const up = (e: PointerEvent) => {
      const p = press;
      if (!p || p.id !== e.pointerId) return;
      press = null;
      if (p.multi || Math.hypot(e.clientX - p.x, e.clientY - p.y) > CLICK_SLOP_PX) return;
      const at = pick(e.clientX, e.clientY);
      if (at) addRef.current(at);
    };
    const cancel = () => (press = null);
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.target !== el) return;
      e.preventDefault();
      addRef.current(centre(tour));
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', cancel);
    el.addEventListener('keydown', key);
    return () => {
      detach();
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', cancel);
      el.removeEventListener('keydown', key);
    };
  }, [tour, pick, webgl]);

  const save = async () => {
    if (draft.hotspots.some((h) => h.kind === 'info' && !h.title.trim())) return setStatus({ kind: 'error', text: m.needsTitle });
    setStatus({ kind: 'busy' });
    try {
      const saved = await api.patchScene(place.id, scene.id, { hotspots: draft.hotspots, initialView: draft.initialView, north: draft.north });
      onSaved(saved);
      setDraft(draftOf(saved));
      setStatus({ kind: 'saved' });
    } catch (e) {
      setStatus({ kind: 'error', text: describeError(m, e) });
    }
  };

  const lookAt = (h: Hotspot) => tour.view.setView({ ...tour.view.view, yaw: h.yaw, pitch: Math.max(-80, Math.min(80, h.pitch)) }, 400);
  const leaveGuard = (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (dirty && !window.confirm(m.confirmLeave)) e.preventDefault();
    else onLinkClick(e);
  };
  const roomLabel = roomName(lang, scene);
  const iv = draft.initialView;

  return (
    <div className="host-room-editor">
      <div className="host-room-head">
        <p className="host-crumbs">
          <a href={hostHref({ page: 'place', placeId: place.id })} onClick={leaveGuard}>
            ← {place.title}
          </a>
        </p>
        <HostHeading>{m.roomEditorTitle(roomLabel)}</HostHeading>
        <nav aria-label={m.otherRooms} className="host-room-tabs">
          <ul>
            {place.tour.scenes.map((s) => (
              <li key={s.id}>
                <a
                  href={hostHref({ page: 'room', placeId: place.id, sceneId: s.id })}
                  aria-current={s.id === scene.id ? 'page' : undefined}
                  onClick={leaveGuard}
                >
                  {roomName(lang, s)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="host-room-grid">
        <div className="host-pano-wrap">
          {webgl ? (
            <div
              className="host-pano"
              ref={pane}
              tabIndex={0}
              role="application"
              aria-label={m.panoramaLabel}
              aria-describedby="room-editor-help"
              data-testid="hotspot-panorama"
            >
              <Canvas camera={{ fov: 60, near: 0.1, far: 1000, position: [0, 0, 0] }} gl={{ antialias: false }} dpr={[1, 2]} flat>
                <PanoramaLayer tour={tour} inXr={false} />
              </Canvas>
              <span className="host-crosshair" aria-hidden="true" />
            </div>
          ) : (
            <p className="host-error" role="alert">
              {m.noWebgl}
            </p>
          )}
          {webgl && (
            <HotspotMarkers
              tour={tour}
              hotspots={draft.hotspots}
              names={names}
              exhibits={place.exhibits}
              selected={selected}
              pick={pick}
              onSelect={setSelected}
              onMove={(id, at) => edit((hs) => hs.map((h) => (h.id === id ? { ...h, ...at } : h)))}
            />
          )}
        </div>
        <div className="host-room-panel">
          <p id="room-editor-help" className="host-hint">
            {m.editorHelp}
          </p>
          <p className="host-readout" aria-live="off">
            <span ref={readout} />
          </p>
          <div className="host-actions">
            <button type="button" onClick={() => add(centre(tour))}>
              + {m.addAtCentre}
            </button>
          </div>

          <section aria-labelledby="hotspots-h">
            <h2 id="hotspots-h">{m.hotspots}</h2>
            <HotspotForm
              hotspots={draft.hotspots}
              rooms={others}
              names={names}
              exhibits={place.exhibits}
              selected={selected}
              focusRequest={focusRequest}
              onSelect={setSelected}
              onChange={(h) => edit((hs) => hs.map((x) => (x.id === h.id ? h : x)))}
              onDelete={(id) => {
                edit((hs) => hs.filter((h) => h.id !== id));
                if (selected === id) setSelected(null);
                pane.current?.focus({ preventScroll: true });
              }}
              onLookAt={lookAt}
            />
          </section>

          <section aria-labelledby="view-h">
            <h2 id="view-h">{m.viewSection}</h2>
            <p className="host-value">{m.startView(Math.round(iv.yaw), Math.round(iv.pitch), Math.round(iv.fov))}</p>
            <button
              type="button"
              onClick={() => {
                setDraft((d) => ({ ...d, initialView: roundView(tour.view.view) }));
                setStatus({ kind: 'idle' });
              }}
            >
              {m.useCurrentView}
            </button>
            <p className="host-value">{m.northValue(Math.round(draft.north))}</p>
            <button
              type="button"
              onClick={() => {
                setDraft((d) => ({ ...d, north: Math.round(tour.view.view.yaw * 10) / 10 }));
                setStatus({ kind: 'idle' });
              }}
            >
              {m.setNorth}
            </button>
          </section>

          <div className="host-savebar">
            <button type="button" className="primary" onClick={save} disabled={status.kind === 'busy' || !dirty}>
              {status.kind === 'busy' ? m.saving : m.save}
            </button>
            <span role="status" className="host-status">
              {status.kind === 'error' ? '' : dirty ? m.unsaved : status.kind === 'saved' ? m.allSaved : ''}
            </span>
          </div>
          {status.kind === 'error' && (
            <p className="host-error" role="alert">
              {status.text}
            </p>
          )}
          {!dirty && <WayBack place={place} scene={scene} onSaved={onSaved} />}
        </div>
      </div>
    </div>
  );
}

/**
 * The saved doors of this room into rooms with no door back: one button each adds the way back
 * in that room (returnDoor: where this room lies on the plan), so no link makes a dead end.
 */
function WayBack({ place, scene, onSaved }: { place: HostPlace; scene: Scene; onSaved: (s: Scene) => void }) {
  const { m, lang } = useHostMessages();
  const { api } = useHost();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const missing = scene.hotspots.flatMap((h) => {
    const to = h.kind === 'scene' ? place.tour.scenes.find((s) => s.id === h.target) : undefined;
    const door = to && returnDoor(scene, to);
    return to && door && !scene.hotspots.slice(0, scene.hotspots.indexOf(h)).some((x) => x.kind === 'scene' && x.target === to.id) ? [{ to, door }] : [];
  });
  if (missing.length === 0) return null;
  const add = async (to: Scene, door: Hotspot) => {
    setBusy(to.id);
    setError(null);
    try {
      onSaved(await api.patchScene(place.id, to.id, { hotspots: [...to.hotspots, door] }));
    } catch (e) {
      setError(describeError(m, e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="host-warning" data-testid="way-back">
      <p>{m.noWayBack(missing.map((x) => roomName(lang, x.to)).join(lang === 'zh-CN' ? '、' : ', '))}</p>
      <div className="host-actions">
        {missing.map(({ to, door }) => (
          <button key={to.id} type="button" disabled={busy !== null} onClick={() => add(to, door)}>
            {m.addWayBack(roomName(lang, to), roomName(lang, scene))}
          </button>
        ))}
      </div>
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Where the view points: the keyboard way to place a hotspot (turn until it is centred). */
function centre(tour: TourController) {
  const v = tour.view.view;
  return { yaw: Math.round(v.yaw * 100) / 100, pitch: Math.round(v.pitch * 100) / 100 };
}
