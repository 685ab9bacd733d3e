import { useSyncExternalStore } from 'react';
import type { VoiceClient, VoiceState } from '../voice/VoiceClient.ts';

/** The voice room's state (status, microphone and camera, who is speaking); re-renders on each change. */
export function useVoiceState(voice: VoiceClient): VoiceState {
  return useSyncExternalStore(voice.subscribe, voice.getState);
}
