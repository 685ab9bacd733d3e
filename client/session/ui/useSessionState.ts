import { useSyncExternalStore } from 'react';
import type { SessionClient, SessionClientState } from '../SessionClient.ts';

/** The session's state; re-renders on every state-lane change (never on poses). */
export function useSessionState(client: SessionClient): SessionClientState {
  return useSyncExternalStore(client.subscribe, client.getState);
}
