import { HOST_MESSAGES, type HostMessages } from '../i18n/hostMessages.ts';
import type { Lang, Messages } from '../i18n/messages.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** The console's words (m) beside the site's (t), in the reader's language. */
export function useHostMessages(): { m: HostMessages; t: Messages; lang: Lang } {
  const { t, lang } = useI18n();
  return { m: HOST_MESSAGES[lang], t, lang };
}
