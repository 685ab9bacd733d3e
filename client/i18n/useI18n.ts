import { createContext, useContext } from 'react';
import { LANGS, MESSAGES, type Lang, type Messages } from './messages.ts';

const KEY = 'vantage.lang';

/** The saved choice, else the browser's language (any zh-* gets Chinese), else English. */
export function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  const nav = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return nav.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function saveLang(lang: Lang) {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

export interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (l: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'en', t: MESSAGES.en, setLang: () => {} });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A room's name in the reader's language when the host gave one. */
export function roomName(lang: Lang, s: { name: string; nameZh?: string }): string {
  return lang === 'zh-CN' && s.nameZh ? s.nameZh : s.name;
}
