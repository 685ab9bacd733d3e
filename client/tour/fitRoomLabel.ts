/** Roughly how wide a character is, in ems: CJK is square, Latin about half (DejaVu/Noto at small sizes). */
const emWidth = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1 : 0.58), 0);

/** The smallest a label may get, as a share of its size where it fits: smaller is unreadable on a minimap. */
const MIN_SCALE = 0.6;

/**
 * A room's name fitted inside its room on the plan: at `base` size where it fits in
 * `width` (both in plan metres), else smaller down to MIN_SCALE × base, else on two lines
 * broken at the space (or slash) nearest the middle. Before, a long name ran over its room
 * and was clipped at the plan's edge ("Study / second bedroo…").
 */
export function fitRoomLabel(name: string, width: number, base: number): { lines: string[]; size: number } {
  const room = Math.max(0, width) * 0.92;
  const one = emWidth(name);
  if (one * base <= room) return { lines: [name], size: base };
  if (one * base * MIN_SCALE <= room) return { lines: [name], size: room / one };
  const breaks = [...name.matchAll(/[\s/]+/g)].map((m) => m.index! + (m[0].includes('/') ? m[0].indexOf('/') + 1 : m[0].length));
  if (breaks.length === 0) return { lines: [name], size: Math.max(base * MIN_SCALE, room / one) };
  const mid = name.length / 2;
  const at = breaks.reduce((best, b) => (Math.abs(b - mid) < Math.abs(best - mid) ? b : best));
  const lines = [name.slice(0, at).trim(), name.slice(at).trim()].filter(Boolean);
  const widest = Math.max(...lines.map(emWidth));
  return { lines, size: Math.max(base * MIN_SCALE, Math.min(base, room / widest)) };
}
