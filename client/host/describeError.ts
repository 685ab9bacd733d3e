import type { HostMessages } from '../i18n/hostMessages.ts';
import { HostApiError } from './HostApiError.ts';

/**
 * What to tell the host about a failed request. Codes the console knows get its own
 * words (so a Chinese reader reads Chinese); anything else shows the server's one
 * sentence, which names the problem and the fix. Always plain text, never HTML.
 */
export function describeError(m: HostMessages, e: unknown): string {
  if (!(e instanceof HostApiError)) return m.genericError;
  switch (e.code) {
    case 'offline':
      return m.offline;
    case 'bad_credentials':
      return m.badCredentials;
    case 'rate_limited':
      return m.rateLimited;
    case 'no_rooms':
      return m.noRoomsToPublish;
    case 'no_angles':
      return m.noAnglesToPublish;
    case 'unauthenticated':
    case 'invalid_token':
      return m.sessionExpired;
    case 'account_disabled':
      return m.accountDisabled;
    case 'owner_only':
      return m.ownerOnly;
    case 'email_taken':
      return m.emailTaken;
    case 'invitation_invalid':
    case 'invitation_expired':
    case 'invitation_revoked':
    case 'invitation_used':
      return m[e.code];
    default:
      return e.message || m.genericError;
  }
}
