import type { CheckinResult } from '@protocol';
import type { BookingMessages } from '../i18n/bookingMessages.ts';
import { formatClock, formatDay } from './formatVisitTime.ts';

export type CheckinTone = 'ok' | 'warn' | 'error';

/** What the door shows for a check-in answer: a tone (colour + icon) and one sentence. */
export function describeCheckin(r: CheckinResult, m: BookingMessages, lang: string): { tone: CheckinTone; text: string } {
  const zone = r.booking?.timezone ?? 'Asia/Shanghai';
  switch (r.result) {
    case 'checked_in':
      return { tone: 'ok', text: r.booking ? m.res_checked_in(r.booking.name, r.booking.partySize) : r.message };
    case 'already_checked_in':
      return { tone: 'warn', text: r.checkedInAt ? m.res_already(formatClock(r.checkedInAt, lang, zone)) : r.message };
    case 'wrong_place':
      return { tone: 'error', text: m.res_wrong_place(r.ticketPlace?.title ?? null) };
    case 'wrong_day':
      return { tone: 'error', text: m.res_wrong_day(r.booking ? formatDay(r.booking.slotStart, lang, zone) : null) };
    case 'cancelled':
      return { tone: 'error', text: m.res_cancelled };
  }
}

/** A refusal that is not a check-in answer: unknown or malformed code. */
export function describeCheckinError(code: string, m: BookingMessages, fallback: string): string {
  if (code === 'ticket_not_found' || code === 'booking_not_found') return m.res_not_found;
  if (code === 'invalid_code' || code === 'invalid_body') return m.res_invalid;
  return fallback;
}
