/** Minutes a zone is ahead of UTC at an instant. */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * A `datetime-local` value (`2026-06-01T10:00`), read as wall time in the place's zone, as
 * an ISO instant. Null when it is not a date-time.
 */
export function zonedInputToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset across a DST change.
  let t = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  t = wall - zoneOffsetMinutes(t, timeZone) * 60_000;
  return new Date(t).toISOString();
}
