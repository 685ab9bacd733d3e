import { REACTION_EMOJI } from '../i18n/showSessionMessages.ts';
import type { ReactionMoment } from './momentsAt.ts';

/** The watch parties' reactions of the last few seconds, floating over the stage's corner (the chat beside says them to a screen reader). */
export function ReplayReactions({ reactions }: { reactions: { i: number; m: ReactionMoment }[] }) {
  return (
    <div className="show-party-reactions" aria-hidden="true" data-testid="replay-reactions">
      {reactions.map(({ i, m }) => (
        <span key={i} data-reaction={m.reaction}>
          {REACTION_EMOJI[m.reaction]}
        </span>
      ))}
    </div>
  );
}
