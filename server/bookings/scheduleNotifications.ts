import type { Queryable } from '../db/Db.ts';
import type { BookingRecord } from './bookingRecord.ts';
import { outboxParam, planNotifications, type BookingChange } from './planNotifications.ts';

/**
 * Writes the notifications a change to an existing booking causes into the outbox, on the
 * caller's transaction so they commit (or vanish) with the change. Reminders and feedback
 * requests still pending from before are skipped: they describe a visit that moved or ended.
 */
export async function scheduleNotifications(
  tx: Queryable,
  b: BookingRecord,
  change: BookingChange,
  opts: { now: Date; origin: string; manageToken?: string },
): Promise<void> {
  if (change !== 'booking_created') {
    await tx.query(
      `update notification_outbox set status = 'skipped', claimed_until = null
       where booking_id = $1 and status = 'pending' and kind in ('reminder', 'feedback_request')`,
      [b.id],
    );
  }
  await tx.query(
    `insert into notification_outbox (id, booking_id, kind, payload, due_at, next_attempt_at)
     select v.id, $1, v.kind, v.payload, v.due, v.due
     from jsonb_to_recordset($2::jsonb) as v(id text, kind text, payload jsonb, due timestamptz)`,
    [b.id, outboxParam(planNotifications(b, change, opts))],
  );
}
