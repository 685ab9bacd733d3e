import { zonedParts } from './zonedParts.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `Tue 2026-06-02 10:00`: a time as people at the place read it, for messages. */
export function describeLocal(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${DAYS[p.weekday]} ${p.date} ${p.time}`;
}
