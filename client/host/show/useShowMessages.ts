import { SHOW_HOST_MESSAGES, type ShowHostMessages } from '../../i18n/showHostMessages.ts';
import { describeError } from '../describeError.ts';
import { HostApiError } from '../HostApiError.ts';
import { useHostMessages } from '../useHostMessages.ts';

/** The show section's words (sm) beside the console's (m) and the site's (t), and its errors in the reader's language. */
export function useShowMessages(): ReturnType<typeof useHostMessages> & { sm: ShowHostMessages; describe: (e: unknown) => string } {
  const base = useHostMessages();
  const sm = SHOW_HOST_MESSAGES[base.lang];
  const describe = (e: unknown) => (e instanceof HostApiError && sm.errors[e.code]) || describeError(base.m, e);
  return { ...base, sm, describe };
}
