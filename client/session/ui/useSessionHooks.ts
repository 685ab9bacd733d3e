import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionClient, SessionClientState } from '../SessionClient.ts';
import type { FollowController } from '../FollowController.ts';
import type { VoiceClient, VoiceState } from '../voice/VoiceClient.ts';

/** The session's state; re-renders on every state-lane change (never on poses). */
export function useSessionState(client: SessionClient): SessionClientState {
  return useSyncExternalStore(client.subscribe, client.getState);
}

export function useVoiceState(voice: VoiceClient): VoiceState {
  return useSyncExternalStore(voice.subscribe, voice.getState);
}

/** Whether this screen follows the lead now. */
export function useFollowing(follow: FollowController): boolean {
  const [on, setOn] = useState(follow.following);
  useEffect(() => {
    setOn(follow.following);
    return follow.onChange((v) => setOn(v));
  }, [follow]);
  return on;
}
