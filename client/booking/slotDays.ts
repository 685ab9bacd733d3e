import type { Slot } from '@protocol';
import { groupSlotsByDay, localDay } from './groupSlotsByDay.ts';

/** One day of the day strip: its slots (none for a day between two open days), and how many still have a place. */
export interface StripDay<S extends Slot = Slot> {
  /** `YYYY-MM-DD` in the place's zone. */
  day: string;
  slots: S[];
  free: number;
}

/** Past this span the strip lists only the days with slots (a half-year of Saturdays is not 180 chips). */
const FILL_GAPS_UP_TO_DAYS = 35;

/**
 * The days to offer, in order: every day that has a slot, and — while the whole span is about
 * a month — the closed days between them too, so the strip reads like a calendar week after
 * week (a museum's Monday shows as closed rather than vanishing). Days come from the slots'
 * zone (the place's), not the reader's.
 */
export function slotDays<S extends Slot>(slots: readonly S[]): StripDay<S>[] {
  const open = groupSlotsByDay(slots).map((d) => ({ ...d, free: d.slots.filter((s) => s.seatsLeft > 0).length }));
  if (open.length < 2) return open;
  const span = daysBetween(open[0].day, open[open.length - 1].day);
  if (span > FILL_GAPS_UP_TO_DAYS) return open;
  const out: StripDay<S>[] = [];
  for (const d of open) {
    const last = out[out.length - 1];
    for (let gap = last ? addDays(last.day, 1) : d.day; gap < d.day; gap = addDays(gap, 1)) out.push({ day: gap, slots: [], free: 0 });
    out.push(d);
  }
  return out;
}

/** The day the strip opens on: the chosen slot's, else the first with a free place, else the first. */
export function initialDay(days: readonly StripDay[], chosenId: string | null): string | null {
  const chosen = chosenId ? days.find((d) => d.slots.some((s) => s.id === chosenId)) : undefined;
  return (chosen ?? days.find((d) => d.free > 0) ?? days.find((d) => d.slots.length > 0))?.day ?? null;
}

/** Today in a zone, as `YYYY-MM-DD`. */
export const todayIn = (timeZone: string, now = new Date()) => localDay(now.toISOString(), timeZone);

/** `YYYY-MM-DD` plus n calendar days (UTC arithmetic on the date alone: no zone or DST can shift it). */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A calendar day's noon as an instant to format with timeZone UTC: its weekday and date whatever the reader's zone. */
export const dayInstant = (day: string) => new Date(`${day}T12:00:00Z`);
