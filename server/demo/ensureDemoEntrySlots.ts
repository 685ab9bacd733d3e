import type { Db } from '../db/Db.ts';
import { createSlotStore } from '../bookings/createSlotStore.ts';
import { weeklySlotStarts } from '../bookings/weeklySlotStarts.ts';
import { weeklySlotsSchema } from '../protocol/booking.ts';

type DemoHours = { weekdays: string[]; times: string[]; durationMinutes: number; capacity: number };

const MUSEUM_HOURS: DemoHours = {
  weekdays: ['tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  times: ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'],
  durationMinutes: 60,
  capacity: 30,
};

/** The demo show's venue: an evening performance Thursday to Sunday, 120 seats. */
export const SHOW_HOURS: DemoHours = { weekdays: ['thu', 'fri', 'sat', 'sun'], times: ['19:30'], durationMinutes: 120, capacity: 120 };

/**
 * The demo museum's timed entry (or, with SHOW_HOURS, the demo show's performances): when it has no entry time in the coming two weeks, publish a
 * month of them — hourly from 9:00 to 16:00 (last entry), Tuesday to Sunday (closed Mondays, as
 * most museums in China are), 30 visitors per entry. Existing slots are kept, so repeated starts
 * add nothing.
 */
export async function ensureDemoEntrySlots(db: Db, placeId: string, now = new Date(), hours: DemoHours = MUSEUM_HOURS): Promise<number> {
  const slots = createSlotStore(db);
  const upcoming = await slots.list(placeId, { from: now, to: new Date(now.getTime() + 14 * 86_400_000) });
  if (upcoming.length > 0) return 0;
  const template = weeklySlotsSchema.parse({ ...hours, timezone: 'Asia/Shanghai', weeks: 4 });
  const { created } = await slots.createMany(placeId, weeklySlotStarts(template, now), {
    durationMinutes: template.durationMinutes,
    capacity: template.capacity,
    timezone: template.timezone,
  });
  return created.length;
}
