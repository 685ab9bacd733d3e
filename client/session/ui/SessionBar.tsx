import { useRef } from 'react';
import type { Intent, Participant } from '@protocol';
import type { SessionMessages } from '../../i18n/sessionMessages.ts';
import type { VoiceClient } from '../voice/VoiceClient.ts';
import { CalendarIcon, ChatIcon, HandIcon, InviteIcon, LaserIcon, PeopleIcon } from './icons.tsx';
import { useBarHeight } from './useBarHeight.ts';
import { VoiceBar } from './VoiceBar.tsx';

export interface SessionBarProps {
  m: SessionMessages;
  /** The connection is down (connecting, reconnecting). */
  down: boolean;
  isHost: boolean;
  isLead: boolean;
  following: boolean;
  leadName: string;
  /** The lead's profile photo (the host's agent card photo), beside their name. */
  leadPhotoUrl?: string;
  /** This person in the roster (absent for a moment after a removal). */
  me: Participant | undefined;
  laserOn: boolean;
  onLaser: () => void;
  onFollow: () => void;
  send: (intent: Intent) => void;
  /** The side panel is open: its tabs replace the People and Chat buttons. */
  panelOpen: boolean;
  onPanel: (panel: 'people' | 'chat') => void;
  peopleLabel: string;
  chatLabel: string;
  unread: number;
  offerOpen: boolean;
  /** A viewer's button to book while the host's invitation stands and its prompt is put aside. */
  showBook: boolean;
  onBook: () => void;
  /** A viewer who booked in this session: their ticket instead of the invitation. */
  showTicket?: boolean;
  onTicket?: () => void;
  /** The host can invite (share the code and links). */
  canShare: boolean;
  onShare: () => void;
  voice: VoiceClient;
  voiceEnabled: boolean;
}

/** The session's bar over the tour: live state, who leads, follow, laser, lead hand-over, hand, people, chat, booking offer, invite, voice. */
export function SessionBar(p: SessionBarProps) {
  const { m, isHost, isLead, me } = p;
  const bar = useRef<HTMLDivElement>(null);
  useBarHeight(bar);
  return (
    <div className="session-bar" role="region" aria-label={m.guidedSession} ref={bar}>
      <span className={`session-live${p.down ? ' down' : ''}`}>
        <span className="live-dot" aria-hidden="true" />
        <span className="bar-label">{m.live}</span>
      </span>
      {isLead ? (
        <span className={`session-lead${isHost ? ' host-lead' : ''}`} data-testid="session-lead">
          {m.youLead}
        </span>
      ) : p.following ? (
        <span className="session-following" data-testid="following">
          {p.leadPhotoUrl && <img className="lead-photo" src={p.leadPhotoUrl} alt="" width={24} height={24} data-testid="lead-photo" />}
          {m.following(p.leadName)}
        </span>
      ) : (
        <>
          <span className="session-lead" data-testid="session-lead">
            {p.leadPhotoUrl && <img className="lead-photo" src={p.leadPhotoUrl} alt="" width={24} height={24} data-testid="lead-photo" />}
            {m.leading(p.leadName)}
          </span>
          <button className="primary follow-button" onClick={p.onFollow}>
            {m.follow}
          </button>
        </>
      )}
      {isLead && (
        <button aria-pressed={p.laserOn} onClick={p.onLaser} title={m.laserHint}>
          <LaserIcon /> <span className="bar-label">{m.laser}</span>
        </button>
      )}
      {isLead && !isHost && <button onClick={() => p.send({ type: 'lead', to: null })}>{m.giveBackLead}</button>}
      {isHost && !isLead && <button onClick={() => p.send({ type: 'lead', to: null })}>{m.takeBackLead}</button>}
      {!isHost && me && (
        <button aria-pressed={me.hand} disabled={me.muted && !me.hand} onClick={() => p.send({ type: 'hand', up: !me.hand })}>
          <HandIcon /> <span className="bar-label">{me.hand ? m.lowerHand : m.raiseHand}</span>
        </button>
      )}
      {!p.panelOpen && (
        <button onClick={() => p.onPanel('people')}>
          <PeopleIcon /> <span className="bar-label">{p.peopleLabel}</span>
        </button>
      )}
      {!p.panelOpen && (
        <button onClick={() => p.onPanel('chat')}>
          <ChatIcon /> <span className="bar-label">{p.chatLabel}</span>
          {p.unread > 0 && (
            <span className="badge" aria-hidden="true">
              {p.unread}
            </span>
          )}
        </button>
      )}
      {isHost && (
        <button onClick={() => p.send({ type: 'offer', open: !p.offerOpen })} title={m.offerBookingHint} data-testid="offer-booking">
          <CalendarIcon /> <span className="bar-label">{p.offerOpen ? m.withdrawBooking : m.offerBooking}</span>
        </button>
      )}
      {p.showBook && (
        <button className="primary" onClick={p.onBook}>
          <CalendarIcon /> <span className="bar-label">{m.offerBook}</span>
        </button>
      )}
      {p.showTicket && (
        <button onClick={p.onTicket}>
          <CalendarIcon /> <span className="bar-label">{m.yourTicket}</span>
        </button>
      )}
      {p.canShare && (
        <button onClick={p.onShare}>
          <InviteIcon /> <span className="bar-label">{m.invite}</span>
        </button>
      )}
      <VoiceBar voice={p.voice} allowed={p.voiceEnabled} />
    </div>
  );
}
