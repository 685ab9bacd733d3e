import { useEffect } from 'react';
import type { VoiceClient } from '../voice/VoiceClient.ts';

/** Space belongs to whatever has focus when that is a control or a text field (a button clicks, a field types). */
const ownsSpace = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || !!t.closest('input, textarea, select, button, a[href], summary, [role="slider"], [role="button"], [role="tab"], [role="menuitem"], [role="option"]'));

/** Hold Space (anywhere but on a control or a text field) to talk, while `enabled`. Letting go, or leaving the window, stops. */
export function usePushToTalkKey(voice: VoiceClient, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const down = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.ctrlKey || e.metaKey || e.altKey || ownsSpace(e.target)) return;
      e.preventDefault();
      if (!e.repeat) void voice.pushToTalk(true);
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== 'Space') return;
      void voice.pushToTalk(false);
    };
    const release = () => void voice.pushToTalk(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', release);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', release);
      release();
    };
  }, [voice, enabled]);
}
