import { useEffect, useRef, useState } from 'react';
import type { SessionErrorCode } from '@protocol';
import type { SessionMessages } from '../../i18n/sessionMessages.ts';
import type { SessionClient } from '../SessionClient.ts';
import { shortVisitTime } from '../../booking/shortVisitTime.ts';

const errorText = (m: SessionMessages, code: SessionErrorCode) =>
  code === 'not_allowed' ? m.errNotAllowed : code === 'rate_limited' ? m.errRateLimited : code === 'unavailable' ? m.errUnavailable : code === 'session_ended' ? m.errSessionEnded : m.errOther;

/**
 * What the session tells this person as it happens: raised hands (the host), an invitation
 * to speak, being muted, the booking offer (the host), refusals; and the count of chat
 * messages that arrived while the chat was not open (returned, cleared when it opens).
 */
export function useSessionNotices(client: SessionClient, m: SessionMessages, toast: (text: string) => void, chatOpen: boolean, lang: string): number {
  const chatOpenRef = useRef(chatOpen);
  chatOpenRef.current = chatOpen;
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (chatOpen) setUnread(0);
  }, [chatOpen]);
  useEffect(
    () =>
      client.onDelta((d, before) => {
        const my = client.state.me?.id;
        for (const c of d.changes) {
          if (c.type === 'hand' && c.up && c.id !== my && client.isHost) toast(m.raisedHand(before.participants.find((p) => p.id === c.id)?.name ?? ''));
          if (c.type === 'chat' && c.message.from !== my && !chatOpenRef.current) setUnread((n) => n + 1);
          if (c.type === 'speaker' && c.id === my && c.speaker) toast(m.invitedToSpeak);
          if (c.type === 'muted' && c.id === my && c.muted) toast(m.youAreMuted);
          if (c.type === 'offer' && client.isHost) toast(c.offer ? m.bookingOffered : m.bookingWithdrawn);
          // The server checked it: a viewer really booked (a toast here; a line in the people panel stays).
          if (c.type === 'booked' && client.isHost) toast(m.someoneBooked(c.booking.name, shortVisitTime(c.booking.slotStart, c.booking.timezone, lang), c.booking.partySize));
        }
      }),
    [client, toast, m, lang],
  );
  useEffect(() => client.onError((e) => toast(errorText(m, e.code))), [client, toast, m]);
  return unread;
}
