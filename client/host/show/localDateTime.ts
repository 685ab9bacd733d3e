/** An ISO instant as a `datetime-local` input shows it: the reader's own clock, to the minute. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** What a `datetime-local` input holds, as the ISO instant the API takes; '' is no schedule, anything unreadable is undefined. */
export function fromLocalInput(value: string): string | null | undefined {
  if (!value.trim()) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const t = new Date(value).getTime(); // a date-time without an offset is local time
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}
