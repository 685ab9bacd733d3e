import { Suspense, lazy, useCallback, useEffect, useMemo, useState, useRef, useSyncExternalStore } from 'react';
import type { Place } from '@protocol';
import type { Intent } from '@protocol';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import type { TourController } from '../../viewer/TourController.ts';
import type { createVantageXrStore } from '../../xr/createVantageXrStore.ts';
import type { SessionClient } from '../SessionClient.ts';
import type { SessionDriver } from '../SessionDriver.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import type { TourModes } from '../../tour/TourModes.ts';
import { BookingOfferPrompt } from './BookingOfferPrompt.tsx';
import { SessionExhibitPicker } from '../model/SessionExhibitPicker.tsx';
import { useExhibitHotspots } from '../model/useExhibitHotspots.ts';
import { SessionBar } from './SessionBar.tsx';
import { SessionBookingDialog } from './SessionBookingDialog.tsx';
import { SessionFinalCard } from './SessionFinalCard.tsx';
import { SessionMarks } from './SessionMarks.tsx';
import { SessionSidePanel } from './SessionSidePanel.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { useBackOnline } from './useBackOnline.ts';
import { useGazeCones } from './useGazeCones.ts';
import { useGazeIds } from './useGazeIds.ts';
import { useLaserPointer } from './useLaserPointer.ts';
import { useOfferNews } from './useOfferNews.ts';
import { useParticipantRooms } from './useParticipantRooms.ts';
import { useSceneId } from './useSceneId.ts';
import { useSessionDriver } from './useSessionDriver.ts';
import { useFollowing } from './useFollowing.ts';
import { useSessionState } from './useSessionState.ts';
import { useVoiceState } from './useVoiceState.ts';
import { useSessionMarks } from './useSessionMarks.ts';
import { useSessionNotices } from './useSessionNotices.ts';
import { useToasts } from './useToasts.ts';
import { useVoiceRefresh } from './useVoiceRefresh.ts';
import { RemoteVideos } from './VoiceBar.tsx';
import './session.css';
import { placeText } from '../../i18n/placeText.ts';

type XrStore = ReturnType<typeof createVantageXrStore>;

/** A museum's exhibit view loads when the group first opens one: a home's session never downloads it. */
const SessionExhibitLayer = lazy(async () => ({ default: (await import('../model/SessionExhibitLayer.tsx')).SessionExhibitLayer }));

export interface SessionOverlayProps {
  client: SessionClient;
  voice: VoiceClient;
  tour: TourController;
  xrStore: XrStore;
  /** The tour's dollhouse and plan (a home's tour): the lead's are shared, a follower's follow. */
  modes?: TourModes;
  place: Place;
  /** The host's invitation (code, links); null for viewers. */
  share: { code: string; joinUrl: string; hostUrl?: string } | null;
  /** Open the invitation at once (a session just started). */
  shareAtStart?: boolean;
  /** False for a museum without halls: no panorama to go back to; the lead picks exhibits from a list. */
  halls?: boolean;
  /** A show: the driver for the player's follow logic, and this screen's stream time to stamp chat with. */
  onDriver?: (driver: SessionDriver) => void;
  streamTime?: () => number | null;
}

/**
 * The guided session over the tour: who leads and who follows, the Follow button, the
 * lead's laser dot, the host's view of everyone's gaze (cones on the floor plan, markers in
 * the panorama), people, chat, hands, voice, and the host's controls. The behaviour lives in
 * SessionDriver (plain TS), each of this file's jobs in a use* hook beside it, and what it
 * draws in the Session* panels; this file wires them.
 */
export function SessionOverlay({ client, voice, tour, xrStore, modes, place, share, shareAtStart, halls = true, onDriver, streamTime }: SessionOverlayProps) {
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
  const driver = useSessionDriver(client, tour, modes);
  const following = useFollowing(driver.follow);
  useEffect(() => onDriver?.(driver), [driver, onDriver]);
  const send = useCallback(
    (i: Intent) => {
      // On a show a message is stamped with the picture on the sender's screen (a replay shows it then).
      const at = i.type === 'chat' ? streamTime?.() : null;
      void client.send(i.type === 'chat' && at != null ? { ...i, streamTime: Math.round(at) } : i);
    },
    [client, streamTime],
  );
  const root = useRef<HTMLDivElement>(null);
  // Gaze goes to the host alone (the server's rule): a viewer who leads sees no cones.
  const seesGaze = isHost;
  const voiceState = useVoiceState(voice);
  const sceneId = useSceneId(tour);

  const [laser, setLaser] = useState(false);
  const laserOn = laser && isLead;
  const pointerPx = useLaserPointer(root, laserOn);
  const gazeIds = useGazeIds(client, seesGaze, meId, snap);
  useGazeCones(client, place, tour, root, snap);
  const marks = useSessionMarks(tour, driver, client, inXr, pointerPx, lang);

  const { toasts, toast } = useToasts();
  const isDesktop = typeof window !== 'undefined' && matchMedia('(min-width: 900px)').matches;
  const [panel, setPanel] = useState<'people' | 'chat' | null>(isHost && isDesktop ? 'people' : null);
  const unread = useSessionNotices(client, m, toast, panel === 'chat', lang);
  useVoiceRefresh(voice, !!me?.speaker, state.voice.enabled);
  const backOnline = useBackOnline(state.status);

  // The host's invitation to book (state lane): a prompt for viewers, the form in a dialog over the tour.
  const offer = snap.bookingOffer;
  const hostName = snap.participants.find((p) => p.id === snap.hostId)?.name ?? '';
  const [putAside, setPutAside] = useState<number | null>(null);
  const [bookingOpen, setBookingOpen] = useState(false);
  // Once she booked, her ticket takes the invitation's place: the server's record of it (a reload or
  // another device keeps it), or, until that arrives, the booking this page just made.
  const [justBooked, setJustBooked] = useState<string | null>(null);
  const ticketCode = isHost ? null : ((snap.bookings ?? []).find((b) => b.by === meId)?.code ?? justBooked);
  const onBooked = useCallback(
    (created: { booking: { code: string } }) => {
      setJustBooked(created.booking.code);
      // The server looks the ticket up before the host hears of it.
      client.send({ type: 'booked', code: created.booking.code });
    },
    [client],
  );
  const promptShown = !isHost && !!offer && offer.id !== putAside && !bookingOpen && !ticketCode;
  const offerNews = useOfferNews(isHost, offer, hostName, m);

  const [shareOpen, setShareOpen] = useState(!!share && !!shareAtStart);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const connected = snap.participants.filter((p) => p.connected).length;
  const rooms = useParticipantRooms(client, place, lang, snap, meId, gazeIds, sceneId);

  const peopleLabel = isHost ? m.peopleCount(connected) : m.people;
  const chatLabel = unread > 0 ? m.chatUnread(unread) : m.chat;
  const final = state.status === 'ended' || state.status === 'removed' || state.status === 'left';
  const down = state.status === 'reconnecting' || state.status === 'connecting';
  const follow = () => driver.follow.follow();
  // A museum: the exhibit the group looks at, over its hall; the lead's exhibit hotspots take everyone there.
  const exhibit = snap.exhibit ? place.exhibits?.find((e) => e.id === snap.exhibit!.exhibitId) : undefined;
  useExhibitHotspots(root, client, isLead);
  const backToHall = useCallback(() => {
    const r = (x: number) => Math.round(x * 100) / 100;
    const v = tour.view.view;
    client.send({ type: 'goto', sceneId: tour.scene.id, view: { yaw: r(v.yaw), pitch: r(v.pitch), fov: r(v.fov) } });
  }, [client, tour]);

  return (
    <div className="session-ui" ref={root} data-following={following ? '1' : '0'} data-lead={isLead ? '1' : '0'} data-exhibit={exhibit ? '1' : '0'}>
      {exhibit && (
        <Suspense fallback={<div className="session-exhibit" />}>
          <SessionExhibitLayer key={exhibit.id} client={client} driver={driver} exhibit={exhibit} isLead={isLead} following={following} leadName={leadName} onBackToHall={halls ? backToHall : undefined} back={halls ? undefined : { href: `/places/${encodeURIComponent(place.id)}`, title: placeText(lang, place, 'title').text }} />
        </Suspense>
      )}
      {!halls && isLead && (place.exhibits?.length ?? 0) > 1 && (
        <SessionExhibitPicker exhibits={place.exhibits!} current={snap.exhibit?.exhibitId ?? null} onPick={(id) => client.send({ type: 'goto', exhibit: { exhibitId: id } })} />
      )}
      <SessionMarks refs={marks} gazeIds={gazeIds} names={names} leadName={leadName} onFollow={follow} m={m} />

      <SessionBar
        m={m}
        down={down}
        isHost={isHost}
        isLead={isLead}
        following={following}
        leadName={leadName}
        leadPhotoUrl={lead?.photoUrl}
        me={me}
        laserOn={laserOn}
        onLaser={() => setLaser(!laser)}
        onFollow={follow}
        send={send}
        panelOpen={!!panel}
        onPanel={setPanel}
        peopleLabel={peopleLabel}
        chatLabel={chatLabel}
        unread={unread}
        offerOpen={!!offer}
        showBook={!isHost && !!offer && !promptShown && !ticketCode}
        onBook={() => setBookingOpen(true)}
        showTicket={!!ticketCode}
        onTicket={() => setBookingOpen(true)}
        canShare={!!share}
        onShare={() => setShareOpen(true)}
        voice={voice}
        voiceEnabled={state.voice.enabled}
      />

      {(down || backOnline) && !final && (
        <div className={`session-banner${down ? ' down' : ''}`} role="status" aria-live="polite">
          {down ? m.reconnecting : m.reconnected}
        </div>
      )}

      {panel && (
        <SessionSidePanel
          panel={panel}
          onPanel={setPanel}
          m={m}
          snap={snap}
          meId={meId}
          isHost={isHost}
          muted={!!me?.muted}
          voiceEnabled={state.voice.enabled}
          rooms={rooms}
          speaking={voiceState.speaking}
          peopleLabel={peopleLabel}
          chatLabel={chatLabel}
          send={send}
          confirmEnd={confirmEnd}
          onConfirmEnd={setConfirmEnd}
          onLeave={() => client.leave()}
        />
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
      {bookingOpen && <SessionBookingDialog place={place} sessionId={snap.id} onClose={() => setBookingOpen(false)} onBooked={onBooked} ticketCode={ticketCode ?? undefined} />}

      {share && shareOpen && <ShareDialog code={share.code} joinUrl={share.joinUrl} hostUrl={share.hostUrl} onClose={() => setShareOpen(false)} />}

      {final && !bookingOpen && <SessionFinalCard status={state.status as 'ended' | 'removed' | 'left'} placeId={place.id} sessionId={isHost ? null : snap.id} m={m} />}
    </div>
  );
}
