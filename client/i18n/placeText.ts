import type { Lang } from './messages.ts';
import { addressLine } from '../app/addressLine.ts';

/**
 * A text the host wrote, in the reader's language when there is one, else in the other.
 * `lang` is set only when the text is NOT in the reader's language: put it on the element
 * (`<h1 lang={t.lang}>`) so a screen reader pronounces an English title as English on a
 * Chinese page, and a Chinese one as Chinese on an English page.
 */
export interface LocalText {
  text: string;
  lang?: Lang;
}

/** The English and Chinese versions of one text, the reader's first; a blank one counts as missing. */
export function textIn(lang: Lang, en: string | undefined, zh: string | undefined): LocalText {
  const mine = lang === 'zh-CN' ? zh : en;
  if (mine?.trim()) return { text: mine };
  const other = lang === 'zh-CN' ? en : zh;
  if (other?.trim()) return { text: other, lang: lang === 'zh-CN' ? 'en' : 'zh-CN' };
  return { text: '' };
}

type PlaceTextField = 'title' | 'city' | 'address' | 'description';
type WithTexts = { [K in PlaceTextField]?: string } & { [K in `${PlaceTextField}Zh`]?: string };

/** A place's title, city, address or description in the reader's language (see textIn). */
export function placeText(lang: Lang, place: WithTexts, field: PlaceTextField): LocalText {
  return textIn(lang, place[field], place[`${field}Zh`]);
}

/** An info point's title or text in the reader's language (see textIn). */
export function infoText(lang: Lang, h: { title: string; text: string; titleZh?: string; textZh?: string }, field: 'title' | 'text'): LocalText {
  return textIn(lang, h[field], field === 'title' ? h.titleZh : h.textZh);
}

/**
 * The address with its city in the reader's language (addressLine). When only one of the two
 * has her language, the address is shown alone: a Chinese address names its city already,
 * and an English one ("…, Hangzhou") too, so nothing is said twice in two languages.
 */
export function addressText(lang: Lang, p: WithTexts): LocalText {
  const a = placeText(lang, p, 'address');
  const c = placeText(lang, p, 'city');
  if (!a.text) return c;
  if (!c.text || a.lang !== c.lang) return a;
  return { ...a, text: addressLine({ address: a.text, city: c.text }) };
}
