import type { Exhibit } from '@protocol';
import type { Lang } from '../i18n/messages.ts';

/** An exhibit's title in the reader's language when the museum gave one. */
export function exhibitTitle(lang: Lang, e: Pick<Exhibit, 'title' | 'titleZh'>): string {
  return lang === 'zh-CN' && e.titleZh ? e.titleZh : e.title;
}
