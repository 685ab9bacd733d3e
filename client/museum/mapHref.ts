/** The map guide (pageRoutes 'map'): `at` an exhibit or `hall` a hall is "you are here"; `minutes` the time budget. */
export function mapHref(placeId: string, opts: { at?: string; hall?: string; minutes?: number } = {}): string {
  const q = new URLSearchParams();
  if (opts.at) q.set('at', opts.at);
  else if (opts.hall) q.set('hall', opts.hall);
  if (opts.minutes) q.set('minutes', String(opts.minutes));
  const s = q.toString();
  return `/places/${encodeURIComponent(placeId)}/map${s ? `?${s}` : ''}`;
}
