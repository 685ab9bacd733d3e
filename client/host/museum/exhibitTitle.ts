import type { Exhibit } from '@protocol';
import type { Lang } from '../../i18n/messages.ts';

/** The exhibit's title in the reader's language (the English one when no Chinese was given). */
export function exhibitTitle(e: Pick<Exhibit, 'title' | 'titleZh'>, lang: Lang): string {
  return lang === 'zh-CN' && e.titleZh ? e.titleZh : e.title;
}
