import { randomUUID } from 'node:crypto';
import { formatTicketCode, type Notification } from '../protocol/booking.ts';
import type { BookingRecord } from './bookingRecord.ts';
import { zonedParts } from './zonedParts.ts';

const DAY_MS = 86_400_000;
/** The feedback request goes this long after the visit ends. */
const FEEDBACK_DELAY_MS = 30 * 60_000;

export type BookingChange = 'booking_created' | 'booking_rescheduled' | 'booking_cancelled';

/** One outbox row to insert. */
export interface PlannedNotification {
  id: string;
  kind: Notification['kind'];
  payload: Notification;
  due: Date;
}

/**
 * The notifications a booking change causes: the announcement now, and for a live booking a
 * reminder the day before (when that is still ahead; a booking made within a day has just
 * had its confirmation) and a feedback request after the visit.
 */
export function planNotifications(b: BookingRecord, change: BookingChange, opts: { now: Date; origin: string; manageToken?: string }): PlannedNotification[] {
  const due: [Notification['kind'], Date][] = [[change, opts.now]];
  if (change !== 'booking_cancelled') {
    const reminder = new Date(b.slot.start.getTime() - DAY_MS);
    if (reminder > opts.now) due.push(['reminder', reminder]);
    due.push(['feedback_request', new Date(b.slot.end.getTime() + FEEDBACK_DELAY_MS)]);
  }
  const local = zonedParts(b.slot.start, b.slot.timezone);
  const ticket = `${opts.origin}/book/ticket/${formatTicketCode(b.code)}`;
  return due.map(([kind, at]) => {
    const id = randomUUID();
    return {
      id,
      kind,
      due: at,
      payload: {
        id,
        kind,
        dueAt: at.toISOString(),
        booking: {
          code: formatTicketCode(b.code),
          name: b.name,
          phone: b.phone,
          partySize: b.partySize,
          locale: b.locale,
          placeId: b.placeId,
          // In the visitor's language when the host wrote the place's texts in it.
          placeTitle: (b.locale === 'zh' && b.place.textsZh?.titleZh?.trim()) || b.place.title,
          placeAddress: (b.locale === 'zh' && b.place.textsZh?.addressZh?.trim()) || b.place.address,
          slotStart: b.slot.start.toISOString(),
          slotEnd: b.slot.end.toISOString(),
          timezone: b.slot.timezone,
          localStart: `${local.date} ${local.time}`,
        },
        links: {
          ticket,
          // A cancelled booking has nothing left to manage.
          ...(kind !== 'booking_cancelled' && opts.manageToken && { manage: `${opts.origin}/book/manage/${opts.manageToken}` }),
        },
      },
    };
  });
}

/**
 * The planned rows as one JSON parameter, read back with
 * `jsonb_to_recordset($n::jsonb) as v(id text, kind text, payload jsonb, due timestamptz)`,
 * so any number of rows inserts in one statement.
 */
export function outboxParam(rows: PlannedNotification[]): string {
  return JSON.stringify(rows.map((r) => ({ id: r.id, kind: r.kind, payload: r.payload, due: r.due.toISOString() })));
}
