import type { SessionMessages } from '../i18n/sessionMessages.ts';
import { SessionApiError } from './sessionApi.ts';

/**
 * The sentence a host sees when starting a session fails, one per refusal POST /api/sessions
 * gives (server/routes/sessionRoutes.ts); `signIn` when the fix is signing in again.
 */
export function startSessionError(e: unknown, m: SessionMessages): { text: string; signIn?: boolean } {
  if (!(e instanceof SessionApiError)) return { text: m.startFailed };
  switch (e.code) {
    case 'nothing_to_show':
      return { text: m.startNothingToShow };
    case 'not_published':
      return { text: m.startNotPublished };
    case 'place_not_found':
      return { text: m.startPlaceNotFound };
    case 'exhibit_not_found':
      return { text: m.startExhibitNotFound };
    case 'account_disabled':
      return { text: m.startAccountDisabled };
    case 'offline':
      return { text: m.offline };
    case 'bad_response':
      return { text: m.startBadResponse };
  }
  // unauthenticated, invalid_token: the console's sign-in expired.
  if (e.status === 401) return { text: m.startSignIn, signIn: true };
  if (e.status >= 500) return { text: m.startServerDown };
  return { text: m.startFailed };
}
