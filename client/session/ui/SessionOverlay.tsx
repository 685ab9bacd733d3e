import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { normaliseYaw, type Place } from '@protocol';
import type { Intent, SessionErrorCode } from '@protocol';
import { onLinkClick } from '../../app/router.ts';
import { pickYawPitch } from '../../host/pickYawPitch.ts';
import { sessionMessages, type SessionMessages } from '../../i18n/sessionMessages.ts';
import { roomName, useI18n } from '../../i18n/useI18n.ts';
import type { TourController } from '../../viewer/TourController.ts';
import { projectToScreen } from '../../viewer/projectToScreen.ts';
import type { createVantageXrStore } from '../../xr/createVantageXrStore.ts';
import { cameraYawPitch, directionFromCamera } from '../directionFromCamera.ts';
import { GazeMinimap, type GazeMark } from '../GazeMinimap.ts';
import type { SessionClient } from '../SessionClient.ts';
import { SessionDriver } from '../SessionDriver.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import { XrSessionMarks } from '../XrSessionMarks.ts';
import { BookVisitButton } from '../../booking/BookVisitButton.tsx';
import { BookingOfferPrompt } from './BookingOfferPrompt.tsx';
import { ChatPanel } from './ChatPanel.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { CalendarIcon, ChatIcon, HandIcon, InviteIcon, LaserIcon, PeopleIcon } from './icons.tsx';
import { SessionBookingDialog } from './SessionBookingDialog.tsx';
import { useFollowing, useSessionState, useVoiceState } from './useSessionHooks.ts';
import { RemoteVideos, VoiceBar } from './VoiceBar.tsx';
import './session.css';

type XrStore = ReturnType<typeof createVantageXrStore>;

declare global {
  interface Window {
    /** Read by e2e tests: the guided session on this page. */
    __vantageSession?: { client: SessionClient; driver: SessionDriver };
  }
}

export interface SessionOverlayProps {
  client: SessionClient;
  voice: VoiceClient;
  tour: TourController;
  xrStore: XrStore;
  place: Place;
  /** The host's invitation (code, links); null for viewers. */
  share: { code: string; joinUrl: string; hostUrl?: string } | null;
  /** Open the invitation at once (a session just started). */
  shareAtStart?: boolean;
}

interface Toast {
  id: number;
  text: string;
}

const errorText = (m: SessionMessages, code: SessionErrorCode) =>
  code === 'not_allowed' ? m.errNotAllowed : code === 'rate_limited' ? m.errRateLimited : code === 'unavailable' ? m.errUnavailable : code === 'session_ended' ? m.errSessionEnded : m.errOther;

/**
 * The guided session over the tour: who leads and who follows, the Follow button, the
 * lead's laser dot, the host's view of everyone's gaze (cones on the floor plan, markers in
 * the panorama), people, chat, hands, voice, and the host's controls. The behaviour lives in
 * SessionDriver (plain TS); this file draws it and moves DOM marks each frame.
 */
export function SessionOverlay({ client, voice, tour, xrStore, place, share, shareAtStart }: SessionOverlayProps) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const state = useSessionState(client);
  const snap = state.snapshot!;
  const meId = state.me!.id;
  const isHost = state.me!.role === 'host';
  const isLead = snap.leadId === meId;
  const me = snap.participants.find((p) => p.id === meId);
  const lead = snap.participants.find((p) => p.id === snap.leadId);
  const leadName = lead?.name ?? '';
  const names = useMemo(() => new Map(snap.participants.map((p) => [p.id, p.name])), [snap.participants]);
  const inXr = !!useSyncExternalStore(xrStore.subscribe, () => xrStore.getState().session);
  const driver = useMemo(() => new SessionDriver(client, tour), [client, tour]);
  useEffect(() => () => driver.dispose(), [driver]);
  const following = useFollowing(driver.follow);
  const send = useCallback((i: Intent) => void client.send(i), [client]);
  const root = useRef<HTMLDivElement>(null);
  // Gaze goes to the host alone (the server's rule): a viewer who leads sees no cones.
  const seesGaze = isHost;
  const voiceState = useVoiceState(voice);
  const [sceneId, setSceneId] = useState(tour.scene.id);
  useEffect(() => tour.onScene((s) => setSceneId(s.id)), [tour]);

  useEffect(() => {
    window.__vantageSession = { client, driver };
    return () => void delete window.__vantageSession;
  }, [client, driver]);

  // ---- the laser pointer (the lead's): follows the mouse, or stays where a finger last touched
  const [laser, setLaser] = useState(false);
  const laserOn = laser && isLead;
  const pointerPx = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    pointerPx.current = null;
    if (!laserOn) return;
    const canvas = root.current?.closest('.tour')?.querySelector<HTMLElement>('.tour-canvas');
    if (!canvas) return;
    const at = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      pointerPx.current = { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const move = (e: PointerEvent) => (e.pointerType === 'mouse' || e.buttons ? at(e) : undefined);
    const leave = (e: PointerEvent) => {
      if (e.pointerType === 'mouse') pointerPx.current = null;
    };
    canvas.addEventListener('pointerdown', at);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerleave', leave);
    return () => {
      canvas.removeEventListener('pointerdown', at);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerleave', leave);
    };
  }, [laserOn]);

  // ---- gaze (the host): re-render the list a few times a second at most
  const [gazeVersion, setGazeVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.onGaze(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setGazeVersion((v) => v + 1);
      }, 400);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  const gazeIds = useMemo(
    () => (seesGaze ? [...client.gaze.keys()].filter((id) => id !== meId && id !== snap.leadId && snap.participants.some((p) => p.id === id && p.connected)) : []),
    [client, seesGaze, meId, snap.leadId, snap.participants, gazeVersion], // eslint-disable-line react-hooks/exhaustive-deps
  );

  // ---- cones on the floor plan: every gaze batch, and when the roster changes
  const minimap = useMemo(() => new GazeMinimap(() => root.current?.closest('.tour')?.querySelector<SVGSVGElement>('.tour-minimap svg') ?? null), []);
  useEffect(() => () => minimap.dispose(), [minimap]);
  const drawCones = useCallback(() => {
    const s = client.state.snapshot;
    const meNow = client.state.me?.id;
    if (!s || !client.isHost) return minimap.update([]);
    const marks: GazeMark[] = [];
    for (const [id, pose] of client.gaze) {
      const p = s.participants.find((x) => x.id === id);
      const scene = place.tour.scenes.find((x) => x.id === pose.sceneId);
      if (!p || !scene || id === meNow || id === s.leadId || !p.connected) continue;
      marks.push({ id, name: p.name, x: scene.floor.x, y: scene.floor.y, heading: normaliseYaw(pose.yaw - scene.north), following: p.following });
    }
    const here = place.tour.scenes.find((x) => x.id === tour.scene.id);
    minimap.update(marks, here ? [here.floor] : []);
  }, [client, minimap, place, tour]);
  useEffect(() => client.onGaze(drawCones), [client, drawCones]);
  useEffect(() => drawCones(), [drawCones, snap.participants, snap.leadId]);
  useEffect(() => tour.onScene(() => requestAnimationFrame(drawCones)), [tour, drawCones]);

  // ---- each frame: follow, send the pose, move the marks
  const inXrRef = useRef(inXr);
  inXrRef.current = inXr;
  const laserDot = useRef<HTMLDivElement>(null);
  const focusRing = useRef<HTMLDivElement>(null);
  const focusArrow = useRef<HTMLButtonElement>(null);
  const gazeEls = useRef(new Map<string, HTMLDivElement>());
  useEffect(() => {
    let last = performance.now();
    let xrMarks: XrSessionMarks | null = null;
    const show = (el: HTMLElement | null, x: number, y: number, extra = '') => {
      if (!el) return;
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -50%)${extra}`;
      el.dataset.on = '1';
    };
    const hide = (el: HTMLElement | null) => el && (el.dataset.on = '0');
    const off = tour.onFrame((camera, w, h) => {
      const now = performance.now();
      const dt = (now - last) / 1000;
      last = now;
      const vr = inXrRef.current;
      const v = tour.view.view;
      const px = pointerPx.current;
      driver.pointer = px && client.isLead ? pickYawPitch(camera, px.x, px.y, w, h) : null;
      driver.frame(dt, now, vr ? { ...cameraYawPitch(camera), fov: v.fov, vr: true } : { ...v, vr: false });

      const here = tour.scene.id;
      const lp = client.leadPose;
      const pointer = client.isLead ? driver.pointer : lp && lp.sceneId === here ? lp.pointer : null;
      const target = driver.follow.target;
      const focus = !client.isLead && target && target.sceneId === here && !driver.follow.steering ? target : null;
      if (vr) {
        xrMarks ??= new XrSessionMarks(tour.viewer.root);
        xrMarks.update(camera, pointer, focus);
      } else if (xrMarks) {
        xrMarks.dispose();
        xrMarks = null;
      }
      const dot = pointer ? projectToScreen(camera, pointer.yaw, pointer.pitch, w, h) : null;
      if (dot?.visible) show(laserDot.current, dot.x, dot.y);
      else hide(laserDot.current);
      for (const [id, el] of gazeEls.current) {
        const g = client.gaze.get(id);
        const p = g && g.sceneId === here ? projectToScreen(camera, g.yaw, g.pitch, w, h) : null;
        if (p?.visible) show(el, p.x, p.y);
        else hide(el);
      }
      if (!focus) {
        hide(focusRing.current);
        hide(focusArrow.current);
        return;
      }
      const f = projectToScreen(camera, focus.yaw, focus.pitch, w, h);
      const inside = f.visible && f.x > 40 && f.x < w - 40 && f.y > 90 && f.y < h - 90;
      if (inside) {
        show(focusRing.current, f.x, f.y);
        hide(focusArrow.current);
      } else {
        hide(focusRing.current);
        const { angle } = directionFromCamera(camera, focus.yaw, focus.pitch);
        const a = (angle * Math.PI) / 180;
        show(focusArrow.current, w / 2 + Math.cos(a) * (w / 2 - 48), h / 2 + Math.sin(a) * (h / 2 - 110), ` rotate(${angle.toFixed(1)}deg)`);
      }
    });
    return () => {
      off();
      xrMarks?.dispose();
    };
  }, [tour, driver, client]);

  // ---- notices: raised hands (host), invitations, refusals; unread chat
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toast = useCallback((text: string) => {
    const id = Date.now() + Math.random();
    setToasts((ts) => [...ts.slice(-2), { id, text }]);
    setTimeout(() => setToasts((ts) => ts.filter((t) => t.id !== id)), 5000);
  }, []);
  const isDesktop = typeof window !== 'undefined' && matchMedia('(min-width: 900px)').matches;
  const [panel, setPanel] = useState<'people' | 'chat' | null>(isHost && isDesktop ? 'people' : null);
  const panelRef = useRef(panel);
  panelRef.current = panel;
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (panel === 'chat') setUnread(0);
  }, [panel]);
  useEffect(
    () =>
      client.onDelta((d, before) => {
        const my = client.state.me?.id;
        for (const c of d.changes) {
          if (c.type === 'hand' && c.up && c.id !== my && client.isHost) toast(m.raisedHand(before.participants.find((p) => p.id === c.id)?.name ?? ''));
          if (c.type === 'chat' && c.message.from !== my && panelRef.current !== 'chat') setUnread((n) => n + 1);
          if (c.type === 'speaker' && c.id === my && c.speaker) toast(m.invitedToSpeak);
          if (c.type === 'muted' && c.id === my && c.muted) toast(m.youAreMuted);
          if (c.type === 'offer' && client.isHost) toast(c.offer ? m.bookingOffered : m.bookingWithdrawn);
        }
      }),
    [client, toast, m],
  );
  useEffect(() => client.onError((e) => toast(errorText(m, e.code))), [client, toast, m]);

  // ---- voice: a changed invitation means a new token with new grants
  const speaker = !!me?.speaker;
  const firstSpeaker = useRef(true);
  useEffect(() => {
    if (firstSpeaker.current) {
      firstSpeaker.current = false;
      return;
    }
    if (state.voice.enabled) void voice.refresh();
  }, [speaker, voice, state.voice.enabled]);

  // ---- connection: "Reconnecting…", then a short "Back online"
  const [backOnline, setBackOnline] = useState(false);
  const wasDown = useRef(false);
  useEffect(() => {
    if (state.status === 'reconnecting') wasDown.current = true;
    else if (state.status === 'live' && wasDown.current) {
      wasDown.current = false;
      setBackOnline(true);
      const t = setTimeout(() => setBackOnline(false), 2500);
      return () => clearTimeout(t);
    }
  }, [state.status]);

  // ---- the host's invitation to book (state lane): a prompt for viewers, the form in a dialog over the tour
  const offer = snap.bookingOffer;
  const hostName = snap.participants.find((p) => p.id === snap.hostId)?.name ?? '';
  const [putAside, setPutAside] = useState<number | null>(null);
  const [bookingOpen, setBookingOpen] = useState(false);
  const promptShown = !isHost && !!offer && offer.id !== putAside && !bookingOpen;
  // Set after mount, so a screen reader hears it even when the invitation came with the snapshot (a late joiner).
  const [offerNews, setOfferNews] = useState('');
  useEffect(() => setOfferNews(!isHost && offer ? m.offerTitle(hostName) : ''), [offer?.id, isHost, hostName, m]); // eslint-disable-line react-hooks/exhaustive-deps

  const [shareOpen, setShareOpen] = useState(!!share && !!shareAtStart);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const connected = snap.participants.filter((p) => p.connected).length;
  const myRoomName = (id: string) => {
    const s = place.tour.scenes.find((x) => x.id === id);
    return s ? roomName(lang, s) : null;
  };
  const rooms = useMemo(() => {
    const r = new Map<string, string>();
    for (const id of gazeIds) {
      const n = myRoomName(client.gaze.get(id)!.sceneId);
      if (n) r.set(id, n);
    }
    const lr = myRoomName(client.leadPose?.sceneId ?? snap.room.sceneId);
    if (lr) r.set(snap.leadId, lr);
    const mine = myRoomName(sceneId);
    if (mine) r.set(meId, mine);
    return r;
  }, [gazeIds, snap.room.sceneId, snap.leadId, meId, lang, sceneId]); // eslint-disable-line react-hooks/exhaustive-deps

  const peopleLabel = isHost ? m.peopleCount(connected) : m.people;
  const chatLabel = unread > 0 ? m.chatUnread(unread) : m.chat;

  // The bar's height, for the layout around it (on phones the floor plan sits below it).
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bar.current;
    const tourEl = el?.closest<HTMLElement>('.tour');
    if (!el || !tourEl || typeof ResizeObserver === 'undefined') return;
    // …and it sits under the room title, however many lines that takes.
    const top = tourEl.querySelector<HTMLElement>('.tour-top');
    const ro = new ResizeObserver(() => {
      tourEl.style.setProperty('--session-bar-h', `${el.offsetHeight}px`);
      if (top) tourEl.style.setProperty('--tour-top-h', `${top.offsetHeight}px`);
    });
    ro.observe(el);
    if (top) ro.observe(top);
    return () => {
      ro.disconnect();
      tourEl.style.removeProperty('--session-bar-h');
      tourEl.style.removeProperty('--tour-top-h');
    };
  }, []);

  const final = state.status === 'ended' || state.status === 'removed' || state.status === 'left';
  const down = state.status === 'reconnecting' || state.status === 'connecting';

  return (
    <div className="session-ui" ref={root} data-following={following ? '1' : '0'} data-lead={isLead ? '1' : '0'}>
      <div className="session-marks" aria-hidden="true">
        <div className="laser-dot" ref={laserDot} data-on="0" />
        <div className="focus-ring" ref={focusRing} data-on="0">
          <span>{m.guideLooksHere(leadName)}</span>
        </div>
        {gazeIds.map((id) => (
          <div
            key={id}
            className="gaze-marker"
            data-on="0"
            ref={(el) => void (el ? gazeEls.current.set(id, el) : gazeEls.current.delete(id))}
          >
            <span>{names.get(id)}</span>
          </div>
        ))}
      </div>
      <button className="focus-arrow" ref={focusArrow} data-on="0" aria-label={m.turnTowards(leadName)} onClick={() => driver.follow.follow()}>
        <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
          <path d="M8 20h20M20 10l10 10-10 10" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>

      <div className="session-bar" role="region" aria-label={m.guidedSession} ref={bar}>
        <span className={`session-live${down ? ' down' : ''}`}>
          <span className="live-dot" aria-hidden="true" />
          <span className="bar-label">{m.live}</span>
        </span>
        {isLead ? (
          <span className={`session-lead${isHost ? ' host-lead' : ''}`} data-testid="session-lead">
            {m.youLead}
          </span>
        ) : following ? (
          <span className="session-following" data-testid="following">
            {m.following(leadName)}
          </span>
        ) : (
          <>
            <span className="session-lead" data-testid="session-lead">
              {m.leading(leadName)}
            </span>
            <button className="primary follow-button" onClick={() => driver.follow.follow()}>
              {m.follow}
            </button>
          </>
        )}
        {isLead && (
          <button aria-pressed={laserOn} onClick={() => setLaser(!laser)} title={m.laserHint}>
            <LaserIcon /> <span className="bar-label">{m.laser}</span>
          </button>
        )}
        {isLead && !isHost && <button onClick={() => send({ type: 'lead', to: null })}>{m.giveBackLead}</button>}
        {isHost && !isLead && <button onClick={() => send({ type: 'lead', to: null })}>{m.takeBackLead}</button>}
        {!isHost && me && (
          <button aria-pressed={me.hand} disabled={me.muted && !me.hand} onClick={() => send({ type: 'hand', up: !me.hand })}>
            <HandIcon /> <span className="bar-label">{me.hand ? m.lowerHand : m.raiseHand}</span>
          </button>
        )}
        {!panel && (
          <button onClick={() => setPanel('people')}>
            <PeopleIcon /> <span className="bar-label">{peopleLabel}</span>
          </button>
        )}
        {!panel && (
          <button onClick={() => setPanel('chat')}>
            <ChatIcon /> <span className="bar-label">{chatLabel}</span>
            {unread > 0 && (
              <span className="badge" aria-hidden="true">
                {unread}
              </span>
            )}
          </button>
        )}
        {isHost && (
          <button onClick={() => send({ type: 'offer', open: !offer })} title={m.offerBookingHint} data-testid="offer-booking">
            <CalendarIcon /> <span className="bar-label">{offer ? m.withdrawBooking : m.offerBooking}</span>
          </button>
        )}
        {!isHost && offer && !promptShown && (
          <button className="primary" onClick={() => setBookingOpen(true)}>
            <CalendarIcon /> <span className="bar-label">{m.offerBook}</span>
          </button>
        )}
        {share && (
          <button onClick={() => setShareOpen(true)}>
            <InviteIcon /> <span className="bar-label">{m.invite}</span>
          </button>
        )}
        <VoiceBar voice={voice} allowed={state.voice.enabled} />
      </div>

      {(down || backOnline) && !final && (
        <div className={`session-banner${down ? ' down' : ''}`} role="status" aria-live="polite">
          {down ? m.reconnecting : m.reconnected}
        </div>
      )}

      {panel && (
        <aside className="session-panel" aria-label={panel === 'people' ? m.people : m.chat}>
          <div className="panel-tabs" role="group">
            <button aria-pressed={panel === 'people'} onClick={() => setPanel('people')}>
              {peopleLabel}
            </button>
            <button aria-pressed={panel === 'chat'} onClick={() => setPanel('chat')}>
              {chatLabel}
            </button>
            <button className="panel-close" onClick={() => setPanel(null)} aria-label={m.close}>
              ×
            </button>
          </div>
          {panel === 'people' ? (
            <PeoplePanel snapshot={snap} meId={meId} isHost={isHost} voiceEnabled={state.voice.enabled} rooms={rooms} speaking={voiceState.speaking} send={send} />
          ) : (
            <ChatPanel messages={snap.chat} meId={meId} muted={!!me?.muted} onSend={(text) => send({ type: 'chat', text })} />
          )}
          <div className="panel-footer">
            {isHost ? (
              confirmEnd ? (
                <span className="confirm" role="group" aria-label={m.confirmEnd}>
                  <span>{m.confirmEnd}</span>
                  <button className="danger" onClick={() => send({ type: 'end' })}>
                    {m.endSession}
                  </button>
                  <button onClick={() => setConfirmEnd(false)}>{m.cancel}</button>
                </span>
              ) : (
                <button className="danger-outline" onClick={() => setConfirmEnd(true)}>
                  {m.endSession}
                </button>
              )
            ) : (
              <button className="danger-outline" onClick={() => client.leave()}>
                {m.leave}
              </button>
            )}
          </div>
        </aside>
      )}

      <RemoteVideos voice={voice} names={names} />

      <div className="session-toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <p key={t.id} className="session-toast">
            {t.text}
          </p>
        ))}
      </div>

      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="offer-news">
        {offerNews}
      </div>
      {promptShown && !final && <BookingOfferPrompt hostName={hostName} onBook={() => setBookingOpen(true)} onLater={() => setPutAside(offer!.id)} m={m} />}
      {bookingOpen && <SessionBookingDialog place={place} sessionId={snap.id} onClose={() => setBookingOpen(false)} />}

      {share && shareOpen && <ShareDialog code={share.code} joinUrl={share.joinUrl} hostUrl={share.hostUrl} onClose={() => setShareOpen(false)} />}

      {final && !bookingOpen && <FinalCard status={state.status as 'ended' | 'removed' | 'left'} placeId={place.id} sessionId={isHost ? null : snap.id} m={m} />}
    </div>
  );
}

function FinalCard({ status, placeId, sessionId, m }: { status: 'ended' | 'removed' | 'left'; placeId: string; sessionId: string | null; m: SessionMessages }) {
  const title = status === 'ended' ? m.endedTitle : status === 'removed' ? m.removedTitle : m.leftTitle;
  const text = status === 'ended' ? m.endedText : status === 'removed' ? m.removedText : m.leftText;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="session-final" role="alertdialog" aria-modal="true" aria-labelledby="session-final-title" aria-describedby="session-final-text">
      <div className="session-final-card" ref={ref} tabIndex={-1}>
        <h2 id="session-final-title">{title}</h2>
        <p id="session-final-text">{text}</p>
        <p className="dialog-actions">
          {/* The tour is over, the wish to see the place may not be: booking still counts for this session. */}
          {sessionId && status !== 'removed' && <BookVisitButton placeId={placeId} source="session" sessionId={sessionId} className="button" />}
          <a className="button primary" href={`/places/${encodeURIComponent(placeId)}/tour`} onClick={onLinkClick}>
            {m.exploreAlone}
          </a>
          <a className="button" href={`/places/${encodeURIComponent(placeId)}`} onClick={onLinkClick}>
            {m.backToListing}
          </a>
        </p>
      </div>
    </div>
  );
}
