import type { z } from 'zod';
import type { weeklySlotsSchema } from '../protocol/booking.ts';
import { WEEKDAYS } from '../protocol/booking.ts';
import { zonedParts } from './zonedParts.ts';
import { zonedToUtc } from './zonedToUtc.ts';

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Every start a weekly template describes: the chosen weekdays and local times, for `weeks`
 * weeks from `from` (today in the zone when absent), in time order. Past starts are left out.
 */
export function weeklySlotStarts(t: z.output<typeof weeklySlotsSchema>, now: Date): Date[] {
  const first = t.from ?? zonedParts(now, t.timezone).date;
  const days = new Set(t.weekdays.map((d) => WEEKDAYS.indexOf(d)));
  const starts: Date[] = [];
  for (let i = 0; i < t.weeks * 7; i++) {
    const date = addDays(first, i);
    // The weekday of a calendar date does not depend on the zone: read it at noon UTC.
    const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
    if (!days.has(weekday)) continue;
    for (const time of [...new Set(t.times)].sort()) {
      const at = zonedToUtc(date, time, t.timezone);
      if (at > now) starts.push(at);
    }
  }
  return starts;
}
