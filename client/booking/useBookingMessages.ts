import { BOOKING_MESSAGES, type BookingMessages } from '../i18n/bookingMessages.ts';
import type { Lang, Messages } from '../i18n/messages.ts';
import { useI18n } from '../i18n/useI18n.ts';

/** Booking words (b) beside the site's (t), in the reader's language. */
export function useBookingMessages(): { b: BookingMessages; t: Messages; lang: Lang } {
  const { t, lang } = useI18n();
  return { b: BOOKING_MESSAGES[lang], t, lang };
}
