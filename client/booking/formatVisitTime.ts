/**
 * A visit's date and time in the reader's language, in the place's zone (the visit happens
 * there); the zone's name is added when the reader's own zone differs.
 */
export function formatVisitTime(iso: string, lang: string, timeZone: string, opts: { readerZone?: string; endIso?: string } = {}): string {
  const readerZone = opts.readerZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const sameZone = offsetAt(iso, readerZone) === offsetAt(iso, timeZone);
  const date = new Intl.DateTimeFormat(lang, { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
  const time = (t: string) => new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(t));
  // The zone goes last in every language (zh would put it before the time otherwise).
  const zone = sameZone ? '' : ` ${zoneName(iso, lang, timeZone)}`;
  const range = (opts.endIso ? `${time(iso)}–${time(opts.endIso)}` : time(iso)) + zone;
  return `${date} ${range}`;
}

/** `14:02` in a zone: for "already checked in at …". */
export function formatClock(iso: string, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** `2026-06-01`-style local day, in the reader's language. */
export function formatDay(iso: string, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}

function zoneName(iso: string, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

function offsetAt(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return timeZone;
  }
}
