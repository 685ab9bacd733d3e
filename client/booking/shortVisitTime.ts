/** `Sat, Jun 14 10:00` (or `10:00–10:45` with an end) in the place's zone: a visit said in a line. */
export function shortVisitTime(startIso: string, timeZone: string, lang: string, endIso?: string): string {
  const day = new Intl.DateTimeFormat(lang, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(startIso));
  const time = (iso: string) => new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${day} ${time(startIso)}${endIso ? `–${time(endIso)}` : ''}`;
}
