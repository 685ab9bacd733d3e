import { useEffect, useState } from 'react';
import type { ShowPlayer, ShowPlayerState } from './ShowPlayer.ts';

/**
 * The player's state for React, kept current by its change events; the player is also
 * `window.__vantageShow` while it is on screen (what the e2e tests and bench:live read).
 */
export function useShowPlayerState(player: ShowPlayer | null): ShowPlayerState | null {
  const [state, setState] = useState<ShowPlayerState | null>(player?.state ?? null);
  useEffect(() => {
    if (!player) return;
    setState(player.state);
    window.__vantageShow = player;
    const off = player.onChange(setState);
    return () => {
      off();
      if (window.__vantageShow === player) delete window.__vantageShow;
    };
  }, [player]);
  return state;
}
