import type { Slot } from '@protocol';

export interface SlotDay<S extends Slot = Slot> {
  /** `YYYY-MM-DD` in the slot's zone. */
  day: string;
  slots: S[];
}

/**
 * Slots in start order, grouped by their local day (the place's zone, not the reader's), days
 * in order. Grouped by the day's name rather than by neighbours: slots published in two zones
 * can interleave, and one day must still be one group.
 */
export function groupSlotsByDay<S extends Slot>(slots: readonly S[]): SlotDay<S>[] {
  const days = new Map<string, SlotDay<S>>();
  for (const s of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const day = localDay(s.start, s.timezone);
    const d = days.get(day);
    if (d) d.slots.push(s);
    else days.set(day, { day, slots: [s] });
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDay(iso: string, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
