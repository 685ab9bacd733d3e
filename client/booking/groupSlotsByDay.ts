import type { Slot } from '@protocol';

export interface SlotDay<S extends Slot = Slot> {
  /** `YYYY-MM-DD` in the slot's zone. */
  day: string;
  slots: S[];
}

/** Slots in start order, grouped by their local day (the place's zone, not the reader's). */
export function groupSlotsByDay<S extends Slot>(slots: readonly S[]): SlotDay<S>[] {
  const days: SlotDay<S>[] = [];
  for (const s of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const day = localDay(s.start, s.timezone);
    const last = days[days.length - 1];
    if (last?.day === day) last.slots.push(s);
    else days.push({ day, slots: [s] });
  }
  return days;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDay(iso: string, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
