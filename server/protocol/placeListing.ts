import { z } from 'zod';
import { textSchema } from './text.ts';

export const placeKindSchema = z.enum(['home', 'museum', 'venue', 'show']);

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
} satisfies { [K in keyof PlaceListing]: z.ZodType };
