import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatJoinCode, normaliseJoinCode, type Place } from '@protocol';
import { ApiFailure, fetchPlace } from '../app/api.ts';
import { Header } from '../app/Header.tsx';
import { LoadingBlock } from '../app/LoadingBlock.tsx';
import { navigate } from '../app/router.ts';
import { useTitle } from '../app/useTitle.ts';
import { sessionMessages, type SessionMessages } from '../i18n/sessionMessages.ts';
import { useI18n } from '../i18n/useI18n.ts';
import { hasWebGL } from '../tour/hasWebGL.ts';
import { dismissFirstPaint } from '../boot/takeFirstPaint.ts';
import { TourView } from '../tour/TourView.tsx';
import { SessionClient, type SessionClientState, type SessionCredentials } from '../session/SessionClient.ts';
import { currentTarget } from '../session/SessionDriver.ts';
import { loadHostSeat, loadViewerSeat, forgetViewerSeat, saveHostSeat, saveViewerSeat, type HostSeat } from '../session/sessionSeats.ts';
import { browserSocket, sessionSocketUrl } from '../session/SessionSocket.ts';
import { fetchVoiceToken } from '../session/sessionApi.ts';
import { NoHallSession } from '../session/ui/NoHallSession.tsx';
import type { ShowPlace } from '../session/ui/ShowSession.tsx';
import { SessionOverlay } from '../session/ui/SessionOverlay.tsx';
import { useSessionState } from '../session/ui/useSessionState.ts';
import { VoiceClient } from '../session/voice/VoiceClient.ts';
import '../session/ui/session.css';
import { placeText } from '../i18n/placeText.ts';

// A show's session (hls.js, the show player) loads only for a show: homes and museums never download it.
const ShowSession = lazy(async () => ({ default: (await import('../session/ui/ShowSession.tsx')).ShowSession }));

export type SessionPageProps = { role: 'host'; sessionId: string; search?: string } | { role: 'viewer'; code: string };

/**
 * A guided session: /sessions/:id/host for the host (the key saved from the host link or
 * from starting it), /s/:code for a viewer (the seat saved when they joined). Connects,
 * then shows the place's tour where the group is, with the session over it.
 */
export default function SessionPage(props: SessionPageProps) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  if (props.role === 'viewer') return <ViewerEntry code={props.code} m={m} />;
  const seat = loadHostSeat(props.sessionId);
  if (!seat) return <Problem title={m.failedTitle} text={m.hostKeyMissing} />;
  const shareAtStart = new URLSearchParams(props.search ?? '').get('share') === '1';
  return (
    <Live
      key={props.sessionId}
      sessionId={props.sessionId}
      credentials={{ hostKey: seat.hostKey }}
      share={{ code: seat.code, joinUrl: seat.joinUrl, hostUrl: `${location.origin}/join/${seat.code}#host=${seat.hostKey}` }}
      shareAtStart={shareAtStart}
      hostSeat={seat}
      m={m}
    />
  );
}

function ViewerEntry({ code: raw, m }: { code: string; m: SessionMessages }) {
  const code = normaliseJoinCode(raw);
  const seat = code ? loadViewerSeat(code) : null;
  useEffect(() => {
    // No seat in this browser: ask for a name first.
    if (!seat) navigate(code ? `/join/${formatJoinCode(code)}` : '/join', true);
  }, [seat, code]);
  if (!seat || !code) return <LoadingBlock />;
  return (
    <Live
      key={seat.sessionId}
      sessionId={seat.sessionId}
      credentials={{ token: seat.token }}
      onResumeToken={(token) => saveViewerSeat(code, { ...seat, token })}
      onSeatInvalid={() => {
        forgetViewerSeat(code);
        navigate(`/join/${formatJoinCode(code)}`, true);
      }}
      m={m}
    />
  );
}

interface LiveProps {
  sessionId: string;
  credentials: SessionCredentials;
  share?: { code: string; joinUrl: string; hostUrl?: string };
  shareAtStart?: boolean;
  hostSeat?: HostSeat;
  onResumeToken?: (token: string) => void;
  onSeatInvalid?: () => void;
  m: SessionMessages;
}

function Live({ sessionId, credentials, share, shareAtStart, hostSeat, onResumeToken, onSeatInvalid, m }: LiveProps) {
  const [generation, setGeneration] = useState(0);
  const [webgl] = useState(hasWebGL);
  const latestToken = useRef('token' in credentials ? credentials.token : credentials.hostKey);
  const client = useMemo(
    () =>
      new SessionClient({
        url: sessionSocketUrl(`/ws/sessions/${encodeURIComponent(sessionId)}`),
        credentials,
        createSocket: browserSocket,
        onResumeToken: (t) => {
          if ('token' in credentials) latestToken.current = t;
          onResumeToken?.(t);
        },
      }),
    [sessionId, generation], // eslint-disable-line react-hooks/exhaustive-deps
  );
  // Remote voices play from <audio> elements in here (hidden; audio plays regardless).
  const audioHost = useMemo(() => Object.assign(document.createElement('div'), { hidden: true, className: 'session-audio' }), []);
  useEffect(() => {
    document.body.appendChild(audioHost);
    return () => audioHost.remove();
  }, [audioHost]);
  const voice = useMemo(
    () =>
      new VoiceClient({
        sessionId,
        credential: () => latestToken.current,
        // LiveKit when the server has it (large groups); else the built-in voice over this session's socket.
        fetchToken: async (id, credential) =>
          client.state.voice.mode === 'p2p' ? (await import('../session/voice/p2pRoom.ts')).p2pGrants(client) : fetchVoiceToken(id, credential),
        createRoom: async () => {
          const v = client.state.voice;
          if (v.mode !== 'p2p') return (await import('../session/voice/liveKitRoom.ts')).createLiveKitRoom(audioHost);
          const { createP2pRoom, sessionForVoice } = await import('../session/voice/p2pRoom.ts');
          return createP2pRoom({ session: sessionForVoice(client), iceServers: v.iceServers ?? [], audioHost });
        },
      }),
    [client], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useEffect(() => {
    client.connect();
    // Back online, or back to the tab: don't wait for the backoff.
    const now = () => client.reconnectNow();
    const visible = () => document.visibilityState === 'visible' && client.reconnectNow();
    window.addEventListener('online', now);
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.removeEventListener('online', now);
      document.removeEventListener('visibilitychange', visible);
      client.dispose();
    };
  }, [client]);
  useEffect(() => () => voice.dispose(), [voice]);
  const state = useSessionState(client);
  const voiceEnabled = state.voice.enabled && state.status === 'live';
  useEffect(() => {
    if (voiceEnabled && voice.state.status === 'off') void voice.start();
  }, [voiceEnabled, voice]);
  const placeId = state.snapshot?.placeId ?? null;
  const place = usePlaceOnce(placeId, state.snapshot?.exhibit?.exhibitId ?? null);
  const lang = useI18n().lang;
  useTitle(place?.state === 'ready' ? `${m.guidedSession} · ${placeText(lang, place.place, 'title').text}` : m.guidedSession);

  useEffect(() => {
    if (state.status === 'failed' && state.reason === 'unauthorized') onSeatInvalid?.();
  }, [state.status, state.reason]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!state.snapshot) {
    if (state.status === 'failed' || state.status === 'ended' || state.status === 'removed' || state.status === 'left' || state.status === 'replaced')
      return <FinalPage state={state} role={'hostKey' in credentials ? 'host' : 'viewer'} onRetry={() => setGeneration((g) => g + 1)} m={m} />;
    return <Connecting m={m} state={state} />;
  }
  if (state.status === 'replaced' || state.status === 'failed')
    return <FinalPage state={state} role={'hostKey' in credentials ? 'host' : 'viewer'} onRetry={() => setGeneration((g) => g + 1)} m={m} />;
  if (!place || place.state === 'loading') return <Connecting m={m} state={state} />;
  if (place.state === 'error') return <Problem title={m.failedTitle} text={place.message} />;
  // A show plays video without WebGL (only its 360° angle needs it).
  if (!webgl && !isShow(place.place)) return <Problem title={placeText(lang, place.place, 'title').text} text={m.noWebgl} />;
  return <SessionTour client={client} voice={voice} place={place.place} share={share ?? null} shareAtStart={shareAtStart} hostSeat={hostSeat} />;
}

/** What a session's view (the tour's halls or a museum's exhibits alone) is given once the place is known. */
type SessionViewProps = {
  client: SessionClient;
  voice: VoiceClient;
  place: Place;
  share: { code: string; joinUrl: string; hostUrl?: string } | null;
  shareAtStart?: boolean;
  hostSeat?: HostSeat;
};

/** Mounted once the place is known: the tour opens where the group is (or where the host started it). */
function SessionTour({
  client,
  voice,
  place,
  share,
  shareAtStart,
  hostSeat,
}: SessionViewProps) {
  // A show: the director's cut over its angles (hls.js loads only for a show).
  if (isShow(place))
    return (
      <Suspense fallback={<LoadingBlock />}>
        <ShowSession client={client} voice={voice} place={place} share={share} shareAtStart={shareAtStart} />
      </Suspense>
    );
  // A museum without halls: the exhibits alone, no panorama under them.
  if (place.tour.scenes.length === 0) return <NoHallSession client={client} voice={voice} place={place} share={share} shareAtStart={shareAtStart} />;
  return <HallSession client={client} voice={voice} place={place} share={share} shareAtStart={shareAtStart} hostSeat={hostSeat} />;
}

function HallSession({
  client,
  voice,
  place,
  share,
  shareAtStart,
  hostSeat,
}: SessionViewProps) {
  // The panorama keeps the place it started with (a new object would rebuild the tour, back at its start);
  // the overlay gets the latest, with exhibits added since.
  const [tourPlace] = useState(place);
  const [start] = useState(() => {
    // A host who just started it from the tour: where they stood (the driver takes the group there once).
    if (hostSeat?.startAt && client.isLead && place.tour.scenes.some((s) => s.id === hostSeat.startAt!.sceneId)) {
      const { startAt, ...rest } = hostSeat;
      saveHostSeat(rest);
      return { sceneId: startAt.sceneId, view: startAt.view };
    }
    const t = currentTarget(client);
    return t ? { sceneId: t.sceneId, view: { yaw: t.yaw, pitch: t.pitch, fov: t.fov } } : { view: {} };
  });
  return (
    <TourView
      key={place.id}
      place={tourPlace}
      guided
      start={start}
      overlay={(tour, xrStore, modes) => <SessionOverlay client={client} voice={voice} tour={tour} xrStore={xrStore} modes={modes} place={place} share={share} shareAtStart={shareAtStart} />}
    />
  );
}

const isShow = (p: Place): p is ShowPlace => p.kind === 'show' && !!p.show && p.show.angles.length > 0;

type PlaceLoad = { state: 'loading' } | { state: 'ready'; place: Place } | { state: 'error'; message: string };

/**
 * The session's place, loaded once its id is known (the welcome names it), and again, quietly,
 * when the group opens an exhibit it lacks (the host added it after this page loaded).
 */
function usePlaceOnce(placeId: string | null, exhibitId: string | null): PlaceLoad | null {
  const [value, setValue] = useState<PlaceLoad | null>(null);
  const stale = value?.state === 'ready' && exhibitId !== null && !value.place.exhibits?.some((e) => e.id === exhibitId) ? exhibitId : null;
  // A quiet reload keeps the place object (and so every exhibit view built on it) unless its exhibits changed.
  const reload = useCallback(
    (signal: AbortSignal) =>
      fetchPlace(placeId!, signal).then(
        (place) => setValue((v) => (v?.state === 'ready' && JSON.stringify(v.place.exhibits) === JSON.stringify(place.exhibits) ? v : { state: 'ready', place })),
        () => {},
      ),
    [placeId],
  );
  useEffect(() => {
    if (!placeId || !stale) return;
    const ctrl = new AbortController();
    void reload(ctrl.signal);
    return () => ctrl.abort();
  }, [placeId, stale, reload]);
  useEffect(() => {
    // Back from another tab (the host's console, where exhibits are added): the lead's exhibit list catches up.
    if (!placeId) return;
    const ctrl = new AbortController();
    const onFocus = () => void reload(ctrl.signal);
    window.addEventListener('focus', onFocus);
    return () => {
      window.removeEventListener('focus', onFocus);
      ctrl.abort();
    };
  }, [placeId, reload]);
  useEffect(() => {
    if (!placeId) return;
    const ctrl = new AbortController();
    setValue({ state: 'loading' });
    fetchPlace(placeId, ctrl.signal).then(
      (place) => setValue({ state: 'ready', place }),
      (e) => {
        if ((e as Error).name !== 'AbortError') setValue({ state: 'error', message: e instanceof ApiFailure ? e.message : String(e) });
      },
    );
    return () => ctrl.abort();
  }, [placeId]);
  return value;
}

function Connecting({ m, state }: { m: SessionMessages; state: SessionClientState }) {
  return (
    <>
      <Header />
      <main className="page">
        <div className="loading-block" role="status" aria-live="polite">
          <div className="spinner" aria-hidden="true" />
          {state.attempt > 0 ? m.reconnecting : m.connecting}
        </div>
      </main>
    </>
  );
}

function Problem({ title, text, children }: { title: string; text: string; children?: React.ReactNode }) {
  // The link's first paint of the room would cover the message: it goes.
  useEffect(() => dismissFirstPaint(), []);
  return (
    <>
      <Header />
      <main className="page error-state">
        <h1>{title}</h1>
        <p role="alert">{text}</p>
        {children}
      </main>
    </>
  );
}

function FinalPage({ state, role, onRetry, m }: { state: SessionClientState; role: 'host' | 'viewer'; onRetry: () => void; m: SessionMessages }) {
  switch (state.status) {
    case 'ended':
      return <Problem title={m.endedTitle} text={m.sessionEndedNotice} />;
    case 'removed':
      return <Problem title={m.removedTitle} text={m.removedText} />;
    case 'left':
      return <Problem title={m.leftTitle} text={m.leftText} />;
    case 'replaced':
      return (
        <Problem title={m.replacedTitle} text={m.replacedText}>
          <button className="primary" onClick={onRetry}>
            {m.useHere}
          </button>
        </Problem>
      );
    default: {
      const text =
        state.reason === 'unsupported_version'
          ? m.versionText
          : state.reason === 'unauthorized'
            ? role === 'host'
              ? m.unauthorizedHost
              : m.unauthorizedViewer
            : state.reason === 'session_not_found'
              ? m.sessionNotFound
              : state.reason === 'session_full'
                ? m.sessionFull
                : state.message || m.somethingWrong;
      return (
        <Problem title={m.failedTitle} text={text}>
          {state.reason === 'unsupported_version' && (
            <button className="primary" onClick={() => location.reload()}>
              {m.reload}
            </button>
          )}
        </Problem>
      );
    }
  }
}
