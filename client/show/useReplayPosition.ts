import { useEffect, useState } from 'react';
import type { ShowPlayer } from './ShowPlayer.ts';

export type ReplayPosition = NonNullable<ReturnType<ShowPlayer['replayPosition']>>;

/** How often the replay's bar and moments look at the player, ms (a quarter second is smooth enough for a clock and chat). */
const EVERY_MS = 250;

/** The replay's position, looked at a few times a second; null while live (or off). */
export function useReplayPosition(player: ShowPlayer | null, on: boolean): ReplayPosition | null {
  const [pos, setPos] = useState<ReplayPosition | null>(null);
  useEffect(() => {
    if (!player || !on) {
      setPos(null);
      return;
    }
    const look = () =>
      setPos((prev) => {
        const next = player.replayPosition();
        // Same picture, same state: no render.
        if (prev && next && prev.at === next.at && prev.paused === next.paused && prev.duration === next.duration) return prev;
        return next;
      });
    look();
    const timer = setInterval(look, EVERY_MS);
    return () => clearInterval(timer);
  }, [player, on]);
  return pos;
}
