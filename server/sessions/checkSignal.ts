import type { SessionErrorCode, SignalFrame, VoiceMode } from '../protocol/session.ts';
import type { RoomState } from './SessionRoom.ts';
import { sdpSends } from './sdpSends.ts';

/**
 * Whether participant `from` may send this voice signal (the built-in voice's signalling):
 * only with p2p voice, only in a live session, only between the host and one viewer (a star:
 * the guide ↔ each viewer), and a viewer's session description may send audio only when the
 * host invited them to speak — never video or a data channel. Null: relay it.
 */
export function checkSignal(state: RoomState, mode: VoiceMode | null, from: string, f: SignalFrame): { code: SessionErrorCode; message: string } | null {
  if (mode !== 'p2p') {
    return { code: 'not_allowed', message: mode === 'livekit' ? 'Voice on this server goes through LiveKit, not the session socket.' : 'Voice is off on this server.' };
  }
  if (state.status === 'ended') return { code: 'session_ended', message: 'This session has ended.' };
  const me = state.participants.get(from);
  const peer = state.participants.get(f.to);
  if (!me) return { code: 'not_allowed', message: 'Join the session first.' };
  if (!peer || peer.id === me.id) return { code: 'unknown_participant', message: 'That person is not in this session.' };
  if ((me.role === 'host') === (peer.role === 'host')) {
    return { code: 'not_allowed', message: 'Voice connects the guide with each viewer; viewers do not connect to each other.' };
  }
  if (me.role === 'viewer' && f.signal.kind === 'description') {
    const sends = sdpSends(f.signal.sdp);
    if (sends.video || sends.application || sends.other) return { code: 'not_allowed', message: 'A viewer’s voice connection carries audio only.' };
    if (sends.audio && (!me.speaker || me.muted)) return { code: 'not_allowed', message: 'Only a viewer the guide invited to speak may send audio.' };
  }
  return null;
}
