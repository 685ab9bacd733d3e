import type { Db } from '../db/Db.ts';
import { createSlotStore } from '../bookings/createSlotStore.ts';
import { weeklySlotStarts } from '../bookings/weeklySlotStarts.ts';
import { weeklySlotsSchema } from '../protocol/booking.ts';

/**
 * The demo flat always has visits to book: when it has no slot in the coming two weeks,
 * publish a month of viewings (weekday evenings, weekend days), as an agent would.
 * Existing slots are kept, so repeated starts add nothing.
 */
export async function ensureDemoSlots(db: Db, placeId: string, now = new Date()): Promise<number> {
  const slots = createSlotStore(db);
  const upcoming = await slots.list(placeId, { from: now, to: new Date(now.getTime() + 14 * 86_400_000) });
  if (upcoming.length > 0) return 0;
  const template = weeklySlotsSchema.parse({
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    times: ['10:00', '14:30', '19:00'],
    durationMinutes: 45,
    capacity: 6,
    timezone: 'Asia/Shanghai',
    weeks: 4,
  });
  const { created } = await slots.createMany(placeId, weeklySlotStarts(template, now), {
    durationMinutes: template.durationMinutes,
    capacity: template.capacity,
    timezone: template.timezone,
  });
  return created.length;
}
