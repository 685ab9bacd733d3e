import type { HostPlace, PlacePatch } from '@protocol';

/**
 * A PATCH body for a place that restates its listing fields. Needed because the server's
 * placePatchSchema (placeCreateSchema.partial()) still applies the create-time defaults,
 * so a PATCH of only { published } would reset city, address, price, lat/lng … to empty.
 * Harmless once that is fixed; until then it keeps every console action from losing data.
 */
export function placePatchFor(place: HostPlace, patch: PlacePatch): PlacePatch {
  const { kind, title, city, address, price, currency, description, lat, lng, areaM2 } = place;
  return { kind, title, city, address, price, currency, description, lat, lng, areaM2, ...patch };
}
