import type { ShowMoment } from '@protocol';

/** How long a reaction floats on the replay after its moment, ms. */
export const REACTION_SHOWN_MS = 4000;
/** Chat lines kept on screen (the latest up to the moment). */
export const CHAT_SHOWN = 5;

export type ChatMoment = Extract<ShowMoment, { kind: 'chat' }>;
export type ReactionMoment = Extract<ShowMoment, { kind: 'reaction' }>;

/**
 * What a replay shows at stream time `now` (ms): the chat said up to then (the latest
 * CHAT_SHOWN, oldest first) and the reactions of the last REACTION_SHOWN_MS. `moments` is in
 * stream-time order (as the API sends it); a seek back hides what was said after the new moment.
 * Each entry keeps its index in `moments` (a stable key across calls).
 */
export function momentsAt(moments: readonly ShowMoment[], now: number): { chat: { i: number; m: ChatMoment }[]; reactions: { i: number; m: ReactionMoment }[] } {
  // The first moment after `now` (binary search: thousands of moments, four looks a second).
  let lo = 0;
  let hi = moments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (moments[mid].t <= now) lo = mid + 1;
    else hi = mid;
  }
  const chat: { i: number; m: ChatMoment }[] = [];
  const reactions: { i: number; m: ReactionMoment }[] = [];
  for (let i = lo - 1; i >= 0; i--) {
    const m = moments[i];
    if (m.kind === 'chat') {
      if (chat.length < CHAT_SHOWN) chat.push({ i, m });
    } else if (now - m.t < REACTION_SHOWN_MS) reactions.push({ i, m });
    if (chat.length >= CHAT_SHOWN && now - m.t >= REACTION_SHOWN_MS) break;
  }
  return { chat: chat.reverse(), reactions: reactions.reverse() };
}
