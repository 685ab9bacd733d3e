import { SESSION_REACTIONS } from '@protocol';
import { useI18n } from '../../i18n/useI18n.ts';
import { REACTION_EMOJI, formatStreamTime, showSessionMessages } from '../../i18n/showSessionMessages.ts';
import type { SessionClient } from '../SessionClient.ts';
import { useSessionState } from './useSessionState.ts';

/** Reactions shown under the stage (the latest; the snapshot keeps more for a replay). */
const SHOWN = 8;

/**
 * The fixed set of reactions as buttons (a toolbar: Tab reaches it, each button has its name
 * in the reader's language), each sent stamped with the picture on this screen; the latest
 * reactions of the group beside it with the moment of the show they were sent at.
 */
export function ShowReactionBar({ client, streamTime, muted }: { client: SessionClient; streamTime: () => number | null; muted: boolean }) {
  const { lang } = useI18n();
  const m = showSessionMessages(lang);
  const snap = useSessionState(client).snapshot!;
  const names = new Map(snap.participants.map((p) => [p.id, p.name]));
  const recent = snap.reactions.slice(-SHOWN);
  const react = (reaction: (typeof SESSION_REACTIONS)[number]) => {
    const at = streamTime();
    client.send({ type: 'react', reaction, ...(at !== null && { streamTime: Math.round(at) }) });
  };
  return (
    <div className="session-reactions">
      <div className="session-reaction-bar" role="toolbar" aria-label={m.reactions}>
        {SESSION_REACTIONS.map((r) => (
          <button key={r} type="button" className="session-reaction" data-reaction={r} aria-label={m.reaction[r]} title={m.reaction[r]} disabled={muted} onClick={() => react(r)}>
            <span aria-hidden="true">{REACTION_EMOJI[r]}</span>
          </button>
        ))}
      </div>
      <ol className="session-reaction-list" aria-label={m.reactions} data-testid="session-reactions">
        {recent.map((r) => {
          const at = formatStreamTime(r.streamTime ?? r.at, lang);
          const label = m.reactionBy(names.get(r.from) ?? '·', m.reaction[r.reaction], at);
          return (
            <li key={r.id} data-reaction={r.reaction} title={label}>
              <span aria-hidden="true">{REACTION_EMOJI[r.reaction]}</span>
              <span className="sr-only">{label}</span>
              <time className="session-reaction-at" aria-hidden="true">
                {at}
              </time>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
