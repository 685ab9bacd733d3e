import type { RouteStart } from './planMuseumRoute.ts';

/** The time budgets the map guide offers (minutes). */
export const MAP_BUDGETS = [30, 60, 90] as const;

/**
 * The map guide's query: `?at=<exhibit>` (the QR code at an exhibit leads here through its page)
 * or `?hall=<hall>` is where you are; `?minutes=30|60|90` the time you have. Anything else is ignored.
 */
export function parseMapSearch(search: string, known: { exhibits: string[]; halls: string[] }): { start: RouteStart; minutes?: number } {
  const q = new URLSearchParams(search);
  const at = q.get('at');
  const hall = q.get('hall');
  const m = Number(q.get('minutes'));
  const minutes = (MAP_BUDGETS as readonly number[]).includes(m) ? m : undefined;
  const start: RouteStart = at && known.exhibits.includes(at) ? { exhibitId: at } : hall && known.halls.includes(hall) ? { hallId: hall } : undefined;
  return minutes ? { start, minutes } : { start };
}
