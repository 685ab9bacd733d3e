import { z } from 'zod';
import { textSchema } from './text.ts';

export const placeKindSchema = z.enum(['home', 'museum', 'venue', 'show']);

/** Compass directions a flat's windows face (朝向), as Beike lists them: 南, 南北, 东南 … */
export const orientationSchema = z.enum(['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw']);
export type Orientation = z.infer<typeof orientationSchema>;

/**
 * What a buyer reads first on a listing (2室1厅1卫, 12/18层, 朝南, 2008年建). Every fact is
 * optional: a place stored before facts existed, or a museum, has none. Price per m² is not
 * stored: it is the price over the area, worked out where it is shown.
 */
export const listingFactsSchema = z.object({
  bedrooms: z.number().int().min(0).max(50).optional(),
  livingRooms: z.number().int().min(0).max(50).optional(),
  bathrooms: z.number().int().min(0).max(50).optional(),
  /** The flat's storey (negative below ground) and how many the building has. */
  floor: z.number().int().min(-10).max(300).optional(),
  totalFloors: z.number().int().min(1).max(300).optional(),
  /** The directions its main windows face, in compass order as the console ticks them (['n', 's']: 南北通透). */
  orientation: z.array(orientationSchema).max(4).optional(),
  yearBuilt: z.number().int().min(1800).max(2100).optional(),
  /** The district or neighbourhood (区域/板块), shown on the drawn map: "Shangcheng · Qianjiang New Town". */
  district: z.string().optional(),
});
export type ListingFacts = z.infer<typeof listingFactsSchema>;

/**
 * Where a place is on the map, or null when its host has not said: the console stores empty
 * coordinates as 0, 0 (in the Gulf of Guinea, where no listing is), which is never shown.
 */
export function placeCoordinates(p: { lat: number; lng: number }): { lat: number; lng: number } | null {
  return p.lat === 0 && p.lng === 0 ? null : { lat: p.lat, lng: p.lng };
}

/**
 * A listing's fields, the one declaration of them: what every place has, as the server stores
 * and sends it (placeSummarySchema and placeSchema pick from it).
 */
export const placeListingSchema = z.object({
  kind: placeKindSchema,
  title: z.string(),
  city: z.string(),
  address: z.string(),
  price: z.number().nullable(),
  currency: z.string(),
  description: z.string(),
  lat: z.number(),
  lng: z.number(),
  areaM2: z.number().nullable(),
  /** Absent on a place stored before facts existed, and on one with none. */
  facts: listingFactsSchema.optional(),
  /**
   * The same texts in Chinese, for a reader using the zh-CN interface; absent (or '') when the
   * host wrote none, and the page then shows the English one marked lang="en" (placeText).
   */
  titleZh: z.string().optional(),
  cityZh: z.string().optional(),
  addressZh: z.string().optional(),
  descriptionZh: z.string().optional(),
});
export type PlaceListing = z.infer<typeof placeListingSchema>;

/**
 * The same fields as people type them (the host console, the demo content): the text rule on
 * the free text, bounds on the numbers, no defaults (a PATCH leaves out what it does not
 * change). Keyed by placeListingSchema: a field added there fails to compile until it has a rule here.
 */
export const placeListingInputFields = {
  kind: placeKindSchema,
  title: textSchema({ max: 120 }),
  city: textSchema({ max: 80, min: 0 }),
  address: textSchema({ max: 200, min: 0 }),
  price: z.number().nonnegative().max(1e12).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'use a three-letter currency code such as CNY'),
  description: textSchema({ max: 5000, min: 0, multiline: true }),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  areaM2: z.number().positive().max(1e6).nullable(),
  // Replaced as a whole by a PATCH (the console sends every fact it shows).
  facts: listingFactsSchema
    .extend({
      orientation: z.array(orientationSchema).max(4).refine((o) => new Set(o).size === o.length, 'name each direction once').optional(),
      district: textSchema({ max: 80, min: 0 }).optional(),
    })
    .refine((f) => f.floor === undefined || f.totalFloors === undefined || f.floor <= f.totalFloors, { message: 'the floor is above the top of the building', path: ['floor'] })
    .optional(),
  // min 0: the console sends '' to clear a Chinese text (the page then falls back to the English).
  titleZh: textSchema({ max: 120, min: 0 }).optional(),
  cityZh: textSchema({ max: 80, min: 0 }).optional(),
  addressZh: textSchema({ max: 200, min: 0 }).optional(),
  descriptionZh: textSchema({ max: 5000, min: 0, multiline: true }).optional(),
} satisfies { [K in keyof PlaceListing]: z.ZodType };
