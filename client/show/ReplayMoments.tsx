import type { Lang } from '../i18n/messages.ts';
import type { ShowMessages } from '../i18n/showMessages.ts';
import { formatStreamTime, showSessionMessages } from '../i18n/showSessionMessages.ts';
import type { momentsAt } from './momentsAt.ts';
import type { LoadedMoments } from './useReplayMoments.ts';

/**
 * A replay's watch party, under the stage: the party's chat up to the picture on screen (a seek
 * back hides what came later), and the reactions of the moment for a screen reader.
 */
export function ReplayMoments({ loaded, now, m, lang }: { loaded: LoadedMoments; now: ReturnType<typeof momentsAt> | null; m: ShowMessages; lang: Lang }) {
  const sm = showSessionMessages(lang);
  if (!loaded) return null;
  if ('failed' in loaded)
    return (
      <p className="show-party-note" role="status">
        {m.partyFailed}
      </p>
    );
  return (
    <section className="show-party" aria-label={m.party}>
      <h2>{m.party}</h2>
      {loaded.note && <p className="show-party-note">{loaded.note === 'badCode' ? m.partyBadCode : m.partyReactionsOnly}</p>}
      {!loaded.note &&
        (now && now.chat.length > 0 ? (
          <ol className="show-party-chat" role="log" aria-live="polite" data-testid="replay-chat">
            {now.chat.map(({ i, m: c }) => (
              <li key={i}>
                <span className="show-party-who">{m.chatLine(c.name, formatStreamTime(c.t, lang))}</span> {c.text}
              </li>
            ))}
          </ol>
        ) : (
          <p className="show-party-note" data-testid="replay-chat-empty">
            {m.partyEmpty}
          </p>
        ))}
      {now && now.reactions.length > 0 && (
        <p className="sr-only" aria-live="polite">
          {now.reactions.map(({ m: r }) => sm.reaction[r.reaction]).join(', ')}
        </p>
      )}
    </section>
  );
}
