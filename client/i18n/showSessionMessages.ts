import type { SessionReactionKind } from '@protocol';
import type { Lang } from './messages.ts';

/** How each reaction of the fixed set is drawn (the wire carries the name, never the emoji). */
export const REACTION_EMOJI: Readonly<Record<SessionReactionKind, string>> = {
  clap: '👏',
  heart: '❤️',
  laugh: '😂',
  wow: '😮',
  fire: '🔥',
  thumbs: '👍',
};

const en = {
  reactions: 'Reactions',
  reaction: { clap: 'Applause', heart: 'Love it', laugh: 'Funny', wow: 'Wow', fire: 'On fire', thumbs: 'Thumbs up' } satisfies Record<SessionReactionKind, string>,
  reactionBy: (name: string, label: string, at: string) => `${name}: ${label} at ${at}`,
  /** The stream time a chat message or reaction was sent at (the show's clock). */
  streamAt: (at: string) => `at ${at} in the show`,
  hostAngle: 'Director’s angle',
  followingDirector: (label: string) => `Following the director: ${label}`,
  lookingFreely: (label: string) => `Looking freely: ${label}`,
  directorCut: (label: string) => `The director switched everyone to ${label}`,
  pickForEveryone: 'Click an angle (or press 1–9) to switch everyone to it.',
  pickOwn: 'Click an angle to look on your own; Follow brings you back to the director’s.',
};

export type ShowSessionMessages = typeof en;

const zh: ShowSessionMessages = {
  reactions: '互动表情',
  reaction: { clap: '鼓掌', heart: '喜欢', laugh: '好笑', wow: '惊叹', fire: '太燃了', thumbs: '点赞' },
  reactionBy: (name, label, at) => `${name}：${label}（${at}）`,
  streamAt: (at) => `节目时间 ${at}`,
  hostAngle: '导播机位',
  followingDirector: (label) => `正在跟随导播：${label}`,
  lookingFreely: (label) => `自由观看：${label}`,
  directorCut: (label) => `导播已将大家切换到 ${label}`,
  pickForEveryone: '点击机位（或按 1–9）为所有人切换。',
  pickOwn: '点击机位可自己选择观看；点“跟随”回到导播机位。',
};

/** The director's-cut strings in the reader's language (pass useI18n().lang). */
export function showSessionMessages(lang: Lang): ShowSessionMessages {
  return lang === 'zh-CN' ? zh : en;
}

/** A stream time as a clock reading (the show's program date, local time with seconds). */
export function formatStreamTime(ms: number, lang: Lang): string {
  return new Date(ms).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
