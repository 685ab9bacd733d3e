import { zonedParts } from './zonedParts.ts';

const wallMs = (date: string, time: string) => Date.parse(`${date}T${time}:00Z`);

/**
 * The instant when clocks in `timeZone` show `date` (`YYYY-MM-DD`) at `time` (`HH:MM`).
 * Guesses with the zone's offset and corrects once, which settles every zone and DST change.
 * A wall time skipped by a spring-forward lands an hour later, as clocks do.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const target = wallMs(date, time);
  const wallAt = (ms: number) => {
    const p = zonedParts(new Date(ms), timeZone);
    return wallMs(p.date, p.time);
  };
  const offsetAt = (ms: number) => wallAt(ms) - Math.floor(ms / 60_000) * 60_000;
  const first = target - offsetAt(target);
  const second = target - offsetAt(first);
  if (wallAt(second) === target) return new Date(second);
  if (wallAt(first) === target) return new Date(first);
  return new Date(Math.max(first, second)); // in the gap: the later reading
}
