import { MUSEUM_HOST_MESSAGES, type MuseumHostMessages } from '../../i18n/museumHostMessages.ts';
import { useHostMessages } from '../useHostMessages.ts';

/** The museum pages' words (mm) beside the console's (m) and the site's (t). */
export function useMuseumMessages(): ReturnType<typeof useHostMessages> & { mm: MuseumHostMessages } {
  const base = useHostMessages();
  return { ...base, mm: MUSEUM_HOST_MESSAGES[base.lang] };
}
