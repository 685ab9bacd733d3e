import { useEffect, useRef } from 'react';
import type { VoiceClient } from '../voice/VoiceClient.ts';

/** A changed invitation to speak means a new voice token with new grants (not on the first render). */
export function useVoiceRefresh(voice: VoiceClient, speaker: boolean, voiceEnabled: boolean): void {
  const firstSpeaker = useRef(true);
  useEffect(() => {
    if (firstSpeaker.current) {
      firstSpeaker.current = false;
      return;
    }
    if (voiceEnabled) void voice.refresh();
  }, [speaker, voice, voiceEnabled]);
}
