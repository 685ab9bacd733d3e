import type { ListingFacts } from '@protocol';
import type { Lang } from '../i18n/messages.ts';
import type { ListingMessages } from '../i18n/listingMessages.ts';

/** One fact as the listing shows it: what it is and its value, worded for the reader. */
export interface ListingFact {
  key: 'layout' | 'area' | 'pricePerM2' | 'floor' | 'orientation' | 'year';
  label: string;
  value: string;
}

/** Price over area, in the listing's currency, rounded to the unit (¥46,667/m²); null without both. */
export function pricePerM2(lang: Lang, price: number | null, areaM2: number | null, currency: string): string | null {
  if (price == null || areaM2 == null || areaM2 <= 0 || price <= 0) return null;
  return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(Math.round(price / areaM2));
}

/**
 * The facts a buyer scans first, in the order Beike lists them (户型, 面积, 单价, 楼层, 朝向,
 * 年代); a fact the agent did not give is left out, never shown empty or as 0.
 */
export function listingFacts(
  lang: Lang,
  m: ListingMessages,
  p: { facts?: ListingFacts; areaM2: number | null; price: number | null; currency: string },
): ListingFact[] {
  const f = p.facts ?? {};
  const out: ListingFact[] = [];
  if (f.bedrooms !== undefined || f.livingRooms !== undefined || f.bathrooms !== undefined)
    out.push({ key: 'layout', label: m.layoutLabel, value: m.layout(f.bedrooms, f.livingRooms, f.bathrooms) });
  if (p.areaM2 != null) out.push({ key: 'area', label: m.areaLabel, value: m.area(p.areaM2.toLocaleString(lang, { maximumFractionDigits: 1 })) });
  const perM2 = pricePerM2(lang, p.price, p.areaM2, p.currency);
  if (perM2) out.push({ key: 'pricePerM2', label: m.pricePerM2Label, value: m.perM2(perM2) });
  if (f.floor !== undefined || f.totalFloors !== undefined) out.push({ key: 'floor', label: m.floorLabel, value: m.floor(f.floor, f.totalFloors) });
  if (f.orientation?.length) out.push({ key: 'orientation', label: m.orientationLabel, value: m.orientation(f.orientation) });
  if (f.yearBuilt !== undefined) out.push({ key: 'year', label: m.yearLabel, value: m.year(f.yearBuilt) });
  return out;
}
