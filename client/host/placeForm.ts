import type { HostPlace, ListingFacts, Orientation, PlaceCreate } from '@protocol';

/** The listing form's fields as typed (strings), before they become an API body. */
export interface PlaceFormValues {
  kind: PlaceCreate['kind'];
  title: string;
  /** The Chinese texts, optional: '' sends '' (a reader of the Chinese interface then sees the English). */
  titleZh: string;
  address: string;
  addressZh: string;
  city: string;
  cityZh: string;
  lat: string;
  lng: string;
  price: string;
  currency: string;
  areaM2: string;
  description: string;
  descriptionZh: string;
  bedrooms: string;
  livingRooms: string;
  bathrooms: string;
  floor: string;
  totalFloors: string;
  yearBuilt: string;
  district: string;
  /** The directions ticked, in compass order. */
  orientation: Orientation[];
}
export type PlaceField = keyof PlaceFormValues;

/** What is wrong with a field, as a code the page words in the reader's language. */
export type PlaceFieldProblem = 'required' | 'number' | 'lat' | 'lng' | 'positive' | 'nonNegative' | 'currency' | 'whole' | 'floorAbove' | 'year';

export type PlaceBody = Omit<PlaceCreate, 'id'>;

export function placeFormValues(place?: HostPlace): PlaceFormValues {
  return {
    kind: place?.kind ?? 'home',
    title: place?.title ?? '',
    address: place?.address ?? '',
    city: place?.city ?? '',
    titleZh: place?.titleZh ?? '',
    addressZh: place?.addressZh ?? '',
    cityZh: place?.cityZh ?? '',
    descriptionZh: place?.descriptionZh ?? '',
    // 0, 0 is how "no position" is stored: shown as empty fields, not as a point in the sea.
    lat: place && (place.lat !== 0 || place.lng !== 0) ? String(place.lat) : '',
    lng: place && (place.lat !== 0 || place.lng !== 0) ? String(place.lng) : '',
    price: place?.price != null ? String(place.price) : '',
    currency: place?.currency ?? 'CNY',
    areaM2: place?.areaM2 != null ? String(place.areaM2) : '',
    description: place?.description ?? '',
    bedrooms: str(place?.facts?.bedrooms),
    livingRooms: str(place?.facts?.livingRooms),
    bathrooms: str(place?.facts?.bathrooms),
    floor: str(place?.facts?.floor),
    totalFloors: str(place?.facts?.totalFloors),
    yearBuilt: str(place?.facts?.yearBuilt),
    district: place?.facts?.district ?? '',
    orientation: place?.facts?.orientation ?? [],
  };
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

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
  const facts: ListingFacts = {};
  const whole = (field: 'bedrooms' | 'livingRooms' | 'bathrooms' | 'floor' | 'totalFloors' | 'yearBuilt', min: number, max: number) => {
    const s = v[field].trim();
    if (!s) return;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min || n > max) problems[field] = field === 'yearBuilt' ? 'year' : 'whole';
    else facts[field] = n;
  };
  whole('bedrooms', 0, 50);
  whole('livingRooms', 0, 50);
  whole('bathrooms', 0, 50);
  whole('floor', -10, 300);
  whole('totalFloors', 1, 300);
  whole('yearBuilt', 1800, 2100);
  if (facts.floor !== undefined && facts.totalFloors !== undefined && facts.floor > facts.totalFloors) problems.floor = 'floorAbove';
  if (v.orientation.length) facts.orientation = v.orientation;
  if (v.district.trim()) facts.district = v.district.trim();
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
      titleZh: v.titleZh.trim(),
      addressZh: v.addressZh.trim(),
      cityZh: v.cityZh.trim(),
      descriptionZh: v.descriptionZh.trim(),
      facts,
    },
  };
}
