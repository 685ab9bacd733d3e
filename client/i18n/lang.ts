/**
 * The interface languages and the reader's choice, without the message tables: the tour's
 * first-paint script (client/boot) names the place in her language before the app loads.
 */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_KEY = 'vantage.lang';

/** The saved choice, else the browser's language (any zh-* gets Chinese), else English. */
export function initialLang(): Lang {
  let saved: string | null = null;
  try {
    saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_KEY) : null;
  } catch {
    // storage disabled (private mode): the browser's language decides
  }
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  const nav = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return nav.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}
