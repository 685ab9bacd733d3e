import type { HostPlace, PlaceCreate } from '@protocol';

/** The listing form's fields as typed (strings), before they become an API body. */
export interface PlaceFormValues {
  kind: PlaceCreate['kind'];
  title: string;
  address: string;
  city: string;
  lat: string;
  lng: string;
  price: string;
  currency: string;
  areaM2: string;
  description: string;
}
export type PlaceField = keyof PlaceFormValues;

/** What is wrong with a field, as a code the page words in the reader's language. */
export type PlaceFieldProblem = 'required' | 'number' | 'lat' | 'lng' | 'positive' | 'nonNegative' | 'currency';

export type PlaceBody = Omit<PlaceCreate, 'id'>;

export function placeFormValues(place?: HostPlace): PlaceFormValues {
  return {
    kind: place?.kind ?? 'home',
    title: place?.title ?? '',
    address: place?.address ?? '',
    city: place?.city ?? '',
    lat: place ? String(place.lat) : '',
    lng: place ? String(place.lng) : '',
    price: place?.price != null ? String(place.price) : '',
    currency: place?.currency ?? 'CNY',
    areaM2: place?.areaM2 != null ? String(place.areaM2) : '',
    description: place?.description ?? '',
  };
}

// Prices and areas are often typed with thousands separators ("2,350,000", "2 350 000").
const amount = (s: string) => Number(s.replace(/[\s,_]/g, ''));

/**
 * Checks what the browser can check (the server checks again) and builds the body for
 * POST /places or PATCH /places/:id. Empty price means "price on request"; empty area, unknown.
 */
export function placeFormToBody(v: PlaceFormValues): { ok: true; body: PlaceBody } | { ok: false; problems: Partial<Record<PlaceField, PlaceFieldProblem>> } {
  const problems: Partial<Record<PlaceField, PlaceFieldProblem>> = {};
  if (!v.title.trim()) problems.title = 'required';
  const num = (field: 'lat' | 'lng', s: string, limit: number) => {
    if (!s.trim()) return 0;
    const n = Number(s.trim().replace(',', '.'));
    if (!Number.isFinite(n)) problems[field] = 'number';
    else if (Math.abs(n) > limit) problems[field] = field;
    return n;
  };
  const lat = num('lat', v.lat, 90);
  const lng = num('lng', v.lng, 180);
  let price: number | null = null;
  if (v.price.trim()) {
    price = amount(v.price);
    if (!Number.isFinite(price)) problems.price = 'number';
    else if (price < 0) problems.price = 'nonNegative';
  }
  let areaM2: number | null = null;
  if (v.areaM2.trim()) {
    areaM2 = amount(v.areaM2.replace(',', '.'));
    if (!Number.isFinite(areaM2)) problems.areaM2 = 'number';
    else if (areaM2 <= 0) problems.areaM2 = 'positive';
  }
  const currency = v.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.currency = 'currency';
  if (Object.keys(problems).length) return { ok: false, problems };
  return {
    ok: true,
    body: {
      kind: v.kind,
      title: v.title.trim(),
      address: v.address.trim(),
      city: v.city.trim(),
      lat,
      lng,
      price,
      currency,
      areaM2,
      description: v.description.trim(),
    },
  };
}
