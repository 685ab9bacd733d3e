import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { SESSION_SHOW_ROOM, type Angle, type Place, type Show } from '@protocol';
import { useI18n } from '../../i18n/useI18n.ts';
import type { Lang } from '../../i18n/messages.ts';
import { showMessages } from '../../i18n/showMessages.ts';
import { showSessionMessages } from '../../i18n/showSessionMessages.ts';
import type { TourController } from '../../viewer/TourController.ts';
import { ViewController } from '../../viewer/ViewController.ts';
import { createVantageXrStore } from '../../xr/createVantageXrStore.ts';
import { ShowPlayer } from '../../show/ShowPlayer.ts';
import { useShowPlayerState } from '../../show/useShowPlayerState.ts';
import { NoHallTour } from '../NoHallTour.ts';
import type { SessionClient } from '../SessionClient.ts';
import type { SessionDriver } from '../SessionDriver.ts';
import { ShowFollower } from '../ShowFollower.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import { SessionOverlay } from './SessionOverlay.tsx';
import { ShowReactionBar } from './ShowReactionBar.tsx';
import { useSessionState } from './useSessionState.ts';
import '../../show/show.css';
import './showSession.css';

// The sphere (three, R3F, XR) loads only when a 360° angle is shown big.
const Sphere360 = lazy(() => import('../../show/Sphere360.tsx'));

/** How often a follower compares its picture with the director's (ms). */
const FOLLOW_EVERY_MS = 250;

/** A place whose show has angles: what a show session needs. */
export type ShowPlace = Place & { show: Show };

const angleLabel = (lang: Lang, a: Angle) => (lang === 'zh-CN' && a.labelZh ? a.labelZh : a.label);

/**
 * A guided session on a show (the director's cut, a watch party): every angle plays as on the
 * show's page (client/show/ShowPlayer); the lead's pick switches everyone (a `goto` with the
 * lead's stream time), followers' players switch and line up with it (ShowFollower), a viewer
 * may pick an angle of their own and the bar's Follow brings them back. The session's bar,
 * people, chat and voice are the same overlay as every session's; reactions sit under the stage.
 */
export function ShowSession({ client, voice, place, share, shareAtStart }: { client: SessionClient; voice: VoiceClient; place: ShowPlace; share: { code: string; joinUrl: string; hostUrl?: string } | null; shareAtStart?: boolean }) {
  const { lang } = useI18n();
  const sm = showSessionMessages(lang);
  const pm = showMessages(lang);
  const angles = place.show.angles;
  const state = useSessionState(client);
  const snap = state.snapshot!;
  const isLead = snap.leadId === state.me?.id;
  const [player] = useState(() => new ShowPlayer(angles, { main: snap.show?.angleId ?? place.show.mainAngle }));
  useEffect(() => () => player.dispose(), [player]);
  const [follower] = useState(
    () => new ShowFollower(player, { following: !client.isLead && (client.me?.following ?? true), serverNow: () => Date.now() + client.serverOffsetMs }),
  );
  // The 360° angle's view is the session's view: the lead's poses carry it, a follower's is steered to it.
  const [view360] = useState(() => new ViewController(snap.show?.view ?? { yaw: 0, pitch: 0, fov: 90 }));
  useEffect(() => () => view360.dispose(), [view360]);
  const tour = useMemo(() => new NoHallTour(SESSION_SHOW_ROOM, view360), [view360]);
  useEffect(() => () => tour.dispose(), [tour]);
  const [driver, setDriver] = useState<SessionDriver | null>(null);
  const ps = useShowPlayerState(player) ?? player.state;
  const [following, setFollowing] = useState(follower.following);
  const [syncError, setSyncError] = useState<number | null>(null);


  // The bar's Follow (and losing the lead) snaps back to the director; dragging off is ours to report.
  useEffect(() => {
    if (!driver) return;
    return driver.follow.onChange((on) => {
      if (on && !driver.follow.leading) follower.snapBack();
      else follower.stop();
      setFollowing(follower.following);
    });
  }, [driver, follower]);

  // The director's cut (state lane): followers switch and line up at once.
  useEffect(() => {
    if (isLead) follower.stop();
    follower.setTarget(snap.show);
    setFollowing(follower.following);
  }, [snap.show, isLead, follower]);

  useEffect(() => {
    const timer = setInterval(() => {
      follower.tick();
      setSyncError(follower.lastErrorMs === null ? null : Math.round(follower.lastErrorMs));
    }, FOLLOW_EVERY_MS);
    return () => clearInterval(timer);
  }, [follower]);

  const pick = useCallback(
    (id: string) => {
      if (client.isLead) {
        player.switchTo(id);
        const at = follower.streamTime();
        // A 360° angle opens on its own opening yaw for everyone (the lead's drags then go on the pose lane).
        const a = angles.find((x) => x.id === id);
        const view = a && a.projection !== 'flat' ? { yaw: a.yaw ?? 0, pitch: 0, fov: 90 } : undefined;
        if (view) view360.setView(view);
        client.send({ type: 'goto', show: { angleId: id, ...(at !== null && { streamTime: Math.round(at) }), ...(view && { view }) } });
        return;
      }
      // Looking on one's own: the driver tells the server (the host sees who follows).
      if (follower.pick(id)) driver?.follow.stop('walk');
      setFollowing(follower.following);
    },
    [client, player, follower, driver, angles, view360],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable))) return;
      if (/^[1-9]$/.test(e.key) && angles[Number(e.key) - 1]) pick(angles[Number(e.key) - 1].id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [angles, pick]);

  const root = useRef<HTMLDivElement>(null);
  useEffect(() => (root.current ? player.attachRoot(root.current) : undefined), [player]);
  const xrStore = useMemo(() => createVantageXrStore(), []);
  useEffect(() => () => xrStore.destroy(), [xrStore]);
  const xr = useSyncExternalStore(xrStore.subscribe, () => xrStore.getState().session);

  const main = angles.find((a) => a.id === ps.main);
  const hostAngle = snap.show?.angleId ?? null;
  const streamTime = useCallback(() => follower.streamTime(), [follower]);
  const status = main ? (isLead ? pm.mainAngle(angleLabel(lang, main)) : following ? sm.followingDirector(angleLabel(lang, main)) : sm.lookingFreely(angleLabel(lang, main))) : '';

  return (
    <div
      className="tour session-show"
      data-testid="session-show"
      data-main={ps.main}
      data-host-angle={hostAngle ?? ''}
      data-following={following ? '1' : '0'}
      data-sync-error={syncError ?? ''}
    >
      <div className="session-show-main">
        <p className="session-show-status" role="status" aria-live="polite">
          {status}
        </p>
        <div ref={root} className="show-stage session-show-stage" data-layout="spotlight" style={{ ['--thumbs' as string]: Math.max(1, angles.length - 1), ['--cols' as string]: Math.ceil(Math.sqrt(angles.length)) }}>
          {angles.map((a, i) => (
            <ShowTile key={a.id} player={player} angle={a} n={i + 1} label={angleLabel(lang, a)} main={a.id === ps.main} host={a.id === hostAngle} status={ps.statuses.get(a.id) ?? 'loading'} onPick={pick} hostLabel={sm.hostAngle} offline={pm.offline} buttonLabel={pm.angleButton}>
              {a.id === ps.main && a.projection !== 'flat' && (
                <Suspense fallback={null}>
                  <Sphere360 player={player} angle={a} label={angleLabel(lang, a)} xrStore={xrStore} inVr={!!xr} onEnterVr={() => void xrStore.enterVR()} onExitVr={() => xr?.end()} m={pm} viewController={view360} />
                </Suspense>
              )}
            </ShowTile>
          ))}
        </div>
        <p className="session-show-help">{isLead ? sm.pickForEveryone : sm.pickOwn}</p>
        <ShowReactionBar client={client} streamTime={streamTime} muted={!!snap.participants.find((p) => p.id === state.me?.id)?.muted} />
      </div>
      {/* NoHallTour has every member of TourController the overlay reads; the show has no panorama. */}
      <SessionOverlay client={client} voice={voice} tour={tour as unknown as TourController} xrStore={xrStore} place={place} share={share} shareAtStart={shareAtStart} halls={false} onDriver={setDriver} streamTime={streamTime} />
    </div>
  );
}

function ShowTile({
  player,
  angle,
  n,
  label,
  main,
  host,
  status,
  onPick,
  hostLabel,
  offline,
  buttonLabel,
  children,
}: {
  player: ShowPlayer;
  angle: Angle;
  n: number;
  label: string;
  main: boolean;
  host: boolean;
  status: string;
  onPick: (id: string) => void;
  hostLabel: string;
  offline: string;
  buttonLabel: (n: number, label: string, main: boolean) => string;
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => (ref.current ? player.attachTile(angle.id, ref.current) : undefined), [player, angle.id]);
  return (
    <div ref={ref} className="show-tile" data-angle={angle.id} data-projection={angle.projection} data-status={status} data-host={host ? '1' : '0'}>
      {children}
      <button className="show-pick" aria-pressed={main} aria-label={`${buttonLabel(n, label, main)}${host ? ` · ${hostLabel}` : ''}`} onClick={() => onPick(angle.id)}>
        <span className="show-label" aria-hidden="true">
          <kbd>{n}</kbd> {label}
          {host && <span className="session-show-host">🎬 {hostLabel}</span>}
        </span>
      </button>
      {(status === 'offline' || status === 'invalid') && <span className="show-offline">{offline}</span>}
    </div>
  );
}
