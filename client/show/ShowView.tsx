import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Angle, Place, Show } from '@protocol';
import { Header } from '../app/Header.tsx';
import { BookVisitButton } from '../booking/BookVisitButton.tsx';
import { onLinkClick } from '../app/router.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { showMessages, type ShowMessages } from '../i18n/showMessages.ts';
import type { Lang } from '../i18n/messages.ts';
import { createVantageXrStore } from '../xr/createVantageXrStore.ts';
import { ShowPlayer } from './ShowPlayer.ts';
import { StartSessionButton } from '../session/ui/StartSessionButton.tsx';
import { useShowPlayerState } from './useShowPlayerState.ts';
import { useReplayPosition } from './useReplayPosition.ts';
import { ReplayBar } from './ReplayBar.tsx';
import { ReplayMoments } from './ReplayMoments.tsx';
import { ReplayReactions } from './ReplayReactions.tsx';
import { useReplayMoments } from './useReplayMoments.ts';
import { momentsAt } from './momentsAt.ts';
import './show.css';
import { placeText } from '../i18n/placeText.ts';

// The sphere (three, R3F, XR) loads only when a 360° angle is shown big.
const Sphere360 = lazy(() => import('./Sphere360.tsx'));

declare global {
  interface Window {
    /** Read by e2e tests and the benchmark: the show player on this page. */
    __vantageShow?: ShowPlayer;
  }
}

const is360 = (a: Angle) => a.projection !== 'flat';
const angleLabel = (lang: Lang, a: Angle) => (lang === 'zh-CN' && a.labelZh ? a.labelZh : a.label);

/**
 * A show's page: every angle plays muted at once; one is big with the others as live
 * thumbnails (or all in a mosaic); a click or keys 1–9 switch at once; M toggles the mosaic.
 * The player (client/show/ShowPlayer.ts) does the work; this only binds it.
 */
export function ShowView({ place }: { place: Place & { show: Show } }) {
  const { t, lang } = useI18n();
  const m = showMessages(lang);
  const show = place.show;
  const player = useMemo(() => (show.angles.length ? new ShowPlayer(show.angles, { main: show.mainAngle }) : null), [show]);
  useEffect(() => () => player?.dispose(), [player]);
  const state = useShowPlayerState(player);
  // A replay plays the recording (its angles' playlists are VOD): a scrubber, pause, and the watch parties' moments.
  const replay = show.status === 'replay' && !show.slowLive;
  const pos = useReplayPosition(player, replay);
  const moments = useReplayMoments(place.id, replay);
  const streamMs = pos?.streamMs ?? null;
  const now = useMemo(() => (moments && 'moments' in moments && streamMs != null ? momentsAt(moments.moments, streamMs) : null), [moments, streamMs]);
  const xrStore = useMemo(() => createVantageXrStore(), []);
  useEffect(() => () => xrStore.destroy(), [xrStore]);
  const session = useSyncExternalStore(xrStore.subscribe, () => xrStore.getState().session);
  // The 360° angle a headset session was entered on stays around the viewer until it ends.
  const [vrAngle, setVrAngle] = useState<string | null>(null);
  useEffect(() => {
    if (!session) setVrAngle(null);
  }, [session]);

  useEffect(() => {
    if (!player) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      // Keys belong to a field being typed in; a replay's scrubber (a range) passes them on, as players do.
      const typing = t && ((t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'range') || t.tagName === 'TEXTAREA' || t.isContentEditable);
      if (e.ctrlKey || e.metaKey || e.altKey || typing) return;
      if (/^[1-9]$/.test(e.key)) {
        const a = show.angles[Number(e.key) - 1];
        if (a) player.switchTo(a.id);
      } else if (e.key === 'm' || e.key === 'M') player.setLayout(player.state.layout === 'mosaic' ? 'spotlight' : 'mosaic');
      else if (replay && e.key === ' ' && t?.tagName !== 'BUTTON') {
        const at = player.replayPosition();
        if (!at) return;
        e.preventDefault();
        player.setPaused(!at.paused);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [player, show, replay]);

  const root = useRef<HTMLDivElement>(null);
  useEffect(() => (player && root.current ? player.attachRoot(root.current) : undefined), [player]);

  const main = show.angles.find((a) => a.id === state?.main);
  const sphereAngle = show.angles.find((a) => a.id === vrAngle) ?? (main && is360(main) && state?.layout === 'spotlight' ? main : undefined);
  const failures = show.angles
    .map((a) => ({ a, why: player?.players.get(a.id)?.failure }))
    .filter((x): x is { a: Angle; why: NonNullable<typeof x.why> } => !!x.why && state?.statuses.get(x.a.id) !== 'playing');

  return (
    <>
      <Header />
      <main className="page show-page">
        <p>
          <a href="/" onClick={onLinkClick}>
            ← {t.backToCatalogue}
          </a>
        </p>
        <div className="show-head">
          <h1 lang={placeText(lang, place, 'title').lang}>{placeText(lang, place, 'title').text}</h1>
          <StatusBadge show={show} m={m} lang={lang} />
          {/* Tickets for the real venue: the same slots and bookings as a home's visits. */}
          <BookVisitButton placeId={place.id} kind="show" className="button" />
          {/* A signed-in host directs a watch party from here (renders nothing for anyone else). */}
          {show.angles.length > 0 && <StartSessionButton placeId={place.id} inline />}
        </div>
        {!player || !state ? (
          <p>{m.noAngles}</p>
        ) : (
          <>
            <div className="show-controls" role="toolbar" aria-label={m.angles}>
              <button onClick={() => player.setSound(!state.sound)} aria-pressed={state.sound} className={state.sound ? '' : 'primary'}>
                {state.sound ? m.soundOff : m.soundOn}
              </button>
              <button onClick={() => player.setLayout(state.layout === 'mosaic' ? 'spotlight' : 'mosaic')} aria-pressed={state.layout === 'mosaic'}>
                {m.mosaic}
              </button>
            </div>
            {pos && <ReplayBar player={player} pos={pos} m={m} lang={lang} />}
            <p className="sr-only" aria-live="polite">
              {main ? m.mainAngle(angleLabel(lang, main)) : ''}
            </p>
            <div
              ref={root}
              className="show-stage"
              data-layout="spotlight"
              style={{ ['--thumbs' as string]: Math.max(1, show.angles.length - 1), ['--cols' as string]: Math.ceil(Math.sqrt(show.angles.length)) }}
              aria-describedby="show-help"
            >
              {show.angles.map((a, i) => (
                <Tile
                  key={a.id}
                  player={player}
                  angle={a}
                  n={i + 1}
                  label={angleLabel(lang, a)}
                  main={a.id === state.main}
                  status={state.statuses.get(a.id) ?? 'loading'}
                  m={m}
                >
                  {sphereAngle?.id === a.id && (
                    <Suspense fallback={null}>
                      <Sphere360
                        player={player}
                        angle={a}
                        label={angleLabel(lang, a)}
                        xrStore={xrStore}
                        inVr={!!session}
                        onEnterVr={() => {
                          setVrAngle(a.id);
                          xrStore.enterVR()?.catch((e: unknown) => {
                            setVrAngle(null);
                            console.warn('Vantage: the headset session did not start.', e);
                          });
                        }}
                        onExitVr={() => session?.end()}
                        m={m}
                      />
                    </Suspense>
                  )}
                </Tile>
              ))}
              {now && <ReplayReactions reactions={now.reactions} />}
            </div>
            {replay && <ReplayMoments loaded={moments} now={now} m={m} lang={lang} />}
            <p id="show-help" className="show-help">
              {m.help}
            </p>
            {failures.length > 0 && (
              <ul className="show-failures" role="status">
                {failures.map(({ a, why }) => (
                  <li key={a.id}>{m.angleFailed(angleLabel(lang, a), why)}</li>
                ))}
              </ul>
            )}
          </>
        )}
        {placeText(lang, place, 'description').text && (
          <p className="description" lang={placeText(lang, place, 'description').lang}>
            {placeText(lang, place, 'description').text}
          </p>
        )}
      </main>
    </>
  );
}

function Tile({
  player,
  angle,
  n,
  label,
  main,
  status,
  m,
  children,
}: {
  player: ShowPlayer;
  angle: Angle;
  n: number;
  label: string;
  main: boolean;
  status: string;
  m: ShowMessages;
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => (ref.current ? player.attachTile(angle.id, ref.current) : undefined), [player, angle.id]);
  return (
    <div ref={ref} className="show-tile" data-projection={angle.projection} data-status={status}>
      {children}
      <button className="show-pick" aria-pressed={main} aria-label={m.angleButton(n, label, main)} onClick={() => player.switchTo(angle.id)}>
        <span className="show-label" aria-hidden="true">
          <kbd>{n}</kbd> {label}
          {angle.projection !== 'flat' && <span className="show-360-badge">{m.badge360}</span>}
        </span>
      </button>
      {(status === 'offline' || status === 'invalid') && (
        <span className="show-offline" data-testid={`offline-${angle.id}`}>
          {m.offline}
        </span>
      )}
      {status === 'loading' && <span className="show-connecting">{m.loading}</span>}
    </div>
  );
}

function StatusBadge({ show, m, lang }: { show: Show; m: ShowMessages; lang: Lang }) {
  let text: string;
  if (show.slowLive) text = m.slowLive;
  else if (show.status === 'live') text = m.live;
  else if (show.status === 'upcoming')
    text = show.startsAt
      ? m.upcoming(new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(show.startsAt)))
      : m.upcomingUnscheduled;
  else if (show.status === 'ended') text = m.ended;
  else text = m.replay;
  return (
    <span className="show-status" data-status={show.slowLive ? 'live' : show.status} data-testid="show-status">
      {text}
    </span>
  );
}
