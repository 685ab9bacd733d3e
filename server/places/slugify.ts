/** A URL-safe id from a name ("Living room 2" → "living-room-2"); falls back for names with no latin letters. */
export function slugify(name: string, fallback: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return s.length >= 1 && /^[a-z0-9]/.test(s) ? s : fallback;
}
