import { createContext, useContext } from 'react';
import { initialLang, LANG_KEY } from './lang.ts';
import { MESSAGES, type Lang, type Messages } from './messages.ts';

export { initialLang };

export function saveLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
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
