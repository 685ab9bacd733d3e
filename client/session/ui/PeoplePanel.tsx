import { useState } from 'react';
import type { Intent, Participant, SessionSnapshot } from '@protocol';
import { sessionMessages } from '../../i18n/sessionMessages.ts';
import { useI18n } from '../../i18n/useI18n.ts';
import { HandIcon } from './icons.tsx';
import { shortVisitTime } from '../../booking/shortVisitTime.ts';

export interface PeoplePanelProps {
  snapshot: SessionSnapshot;
  meId: string;
  isHost: boolean;
  voiceEnabled: boolean;
  /** Room names by participant (the host sees viewers' rooms through their gaze). */
  rooms: Map<string, string>;
  /** Who is talking in the voice room now. */
  speaking: readonly string[];
  send: (intent: Intent) => void;
}

/** Everyone in the session: name, room, following or not, hand; the host's controls beside each viewer. */
export function PeoplePanel({ snapshot, meId, isHost, voiceEnabled, rooms, speaking, send }: PeoplePanelProps) {
  const { lang } = useI18n();
  const m = sessionMessages(lang);
  const [confirming, setConfirming] = useState<string | null>(null);
  const order = (p: Participant) => (p.role === 'host' ? 0 : p.id === snapshot.leadId ? 1 : p.hand ? 2 : 3);
  const people = [...snapshot.participants].sort((a, b) => order(a) - order(b) || a.joinedAt - b.joinedAt);
  return (
    <ul className="people" aria-label={m.people}>
      {people.map((p) => {
        const lead = p.id === snapshot.leadId;
        const room = rooms.get(p.id);
        const bits = [
          p.role === 'host' ? m.host : null,
          lead ? m.leadsNow : p.role === 'viewer' ? (p.following ? m.following(snapshot.participants.find((x) => x.id === snapshot.leadId)?.name ?? '') : m.notFollowing) : null,
          room ? m.inRoom(room) : null,
          p.hand ? m.handRaised : null,
          p.muted ? m.muted : null,
          p.role === 'viewer' && p.speaker ? m.speaker : null,
          p.connected ? null : m.offlineNow,
        ].filter(Boolean);
        // What they booked in this session (the host's snapshot holds every viewer's; checked by the server).
        const booked = (snapshot.bookings ?? []).filter((b) => b.by === p.id);
        return (
          <li key={p.id} className={`person${p.connected ? '' : ' offline'}${p.hand ? ' hand' : ''}${speaking.includes(p.id) ? ' speaking' : ''}`} data-testid={`person-${p.name}`}>
            <div className="person-line">
              <span className="person-name">
                {p.hand && (
                  <span className="hand-icon">
                    <HandIcon />
                  </span>
                )}
                {p.photoUrl && <img className="person-photo" src={p.photoUrl} alt="" width={28} height={28} />}
                {p.name}
                {p.id === meId && <span className="person-you"> ({m.you})</span>}
              </span>
            </div>
            <div className="person-status">{bits.join(' · ')}</div>
            {booked.map((b) => (
              <div key={b.code} className="person-booked">
                {m.bookedLine(shortVisitTime(b.slotStart, b.timezone, lang))}
              </div>
            ))}
            {isHost && p.role === 'viewer' && (
              <div className="person-actions">
                {lead ? (
                  <button onClick={() => send({ type: 'lead', to: null })}>{m.takeBackLead}</button>
                ) : (
                  <button onClick={() => send({ type: 'lead', to: p.id })} disabled={!p.connected} aria-label={m.handLead(p.name)}>
                    {m.leadTo}
                  </button>
                )}
                {p.hand && (
                  <button onClick={() => send({ type: 'hand', up: false, id: p.id })} aria-label={m.lowerHandOf(p.name)}>
                    {m.lowerHand}
                  </button>
                )}
                {voiceEnabled &&
                  (p.speaker ? (
                    <button onClick={() => send({ type: 'speak', id: p.id, allowed: false })}>{m.stopSpeaking(p.name)}</button>
                  ) : (
                    <button onClick={() => send({ type: 'speak', id: p.id, allowed: true })}>{m.inviteToSpeak(p.name)}</button>
                  ))}
                <button aria-pressed={p.muted} onClick={() => send({ type: 'mute', id: p.id, muted: !p.muted })}>
                  {p.muted ? m.unmute(p.name) : m.mute(p.name)}
                </button>
                {confirming === p.id ? (
                  <span className="confirm" role="group" aria-label={m.confirmRemove(p.name)}>
                    <span>{m.confirmRemove(p.name)}</span>
                    <button
                      className="danger"
                      onClick={() => {
                        setConfirming(null);
                        send({ type: 'remove', id: p.id });
                      }}
                    >
                      {m.confirm}
                    </button>
                    <button onClick={() => setConfirming(null)}>{m.cancel}</button>
                  </span>
                ) : (
                  <button className="danger-outline" onClick={() => setConfirming(p.id)}>
                    {m.remove(p.name)}
                  </button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
