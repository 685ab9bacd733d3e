import type { Lang } from '../i18n/messages.ts';
import type { ShowMessages } from '../i18n/showMessages.ts';
import { formatStreamTime } from '../i18n/showSessionMessages.ts';
import type { ShowPlayer } from './ShowPlayer.ts';
import type { ReplayPosition } from './useReplayPosition.ts';

/** 75 s → "1:15", 3675 s → "1:01:15". */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * A replay's controls: play / pause and a scrubber over the whole recording (a native range:
 * arrows, Home and End work, and a screen reader hears the show's clock time and how far in).
 */
export function ReplayBar({ player, pos, m, lang }: { player: ShowPlayer; pos: ReplayPosition; m: ShowMessages; lang: Lang }) {
  const wall = pos.streamMs != null ? formatStreamTime(pos.streamMs, lang) : '';
  const text = m.replayTime(wall, clock(pos.at), clock(pos.duration));
  return (
    <div className="show-replay" data-testid="replay-bar">
      <button type="button" className="primary" onClick={() => player.setPaused(!pos.paused)} aria-pressed={pos.paused ? false : true}>
        {pos.paused ? m.play : m.pause}
      </button>
      <input
        type="range"
        min={0}
        max={pos.duration}
        step={5}
        value={pos.at}
        aria-label={m.replayPosition}
        aria-valuetext={text}
        aria-describedby="show-replay-help"
        onChange={(e) => player.seek(Number(e.currentTarget.value))}
      />
      <span className="show-replay-time" aria-hidden="true">
        {text}
      </span>
      <span id="show-replay-help" className="sr-only">
        {m.replayHelp}
      </span>
    </div>
  );
}
