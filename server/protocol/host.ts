import { z } from 'zod';
import { textSchema } from './text.ts';
import { floorPlanSchema, placeKindSchema, placeSchema, viewSchema } from './tour.ts';

/** Host sign-in. The token is sent as `Authorization: Bearer <token>` on every /api/host call. */
export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const hostSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type Host = z.infer<typeof hostSchema>;

export const loginResultSchema = z.object({ token: z.string(), expiresAt: z.string(), host: hostSchema });
export type LoginResult = z.infer<typeof loginResultSchema>;

/** Ids a host's editor makes (hotspots) or that name a room: url-safe, short. */
const hotspotIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'use up to 64 letters, digits, dashes and underscores');
const roomIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a room id');
const yawPitch = { yaw: z.number().min(-360).max(360), pitch: z.number().min(-90).max(90) };

/** A hotspot as a host sends it: the stored shape (tour.ts hotspotSchema) with its text under the text rule. */
export const hotspotInputSchema = z.discriminatedUnion('kind', [
  z.object({ id: hotspotIdSchema, kind: z.literal('scene'), target: roomIdSchema, ...yawPitch }),
  z.object({
    id: hotspotIdSchema,
    kind: z.literal('info'),
    ...yawPitch,
    title: textSchema({ max: 120, min: 0 }),
    text: textSchema({ max: 2000, min: 0, multiline: true }),
  }),
]);

/** A listing's fields, without defaults: a PATCH must leave out what it does not change. */
const listingFields = {
  kind: placeKindSchema,
  title: textSchema({ max: 120 }),
  city: textSchema({ max: 80, min: 0 }),
  address: textSchema({ max: 200, min: 0 }),
  price: z.number().nonnegative().max(1e12).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  description: textSchema({ max: 5000, min: 0, multiline: true }),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  areaM2: z.number().positive().max(1e6).nullable(),
};

/** Creating a place: everything a listing shows; rooms are uploaded afterwards. */
export const placeCreateSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'use 3–64 lower-case letters, digits and dashes')
    .optional(),
  ...listingFields,
  city: listingFields.city.default(''),
  address: listingFields.address.default(''),
  price: listingFields.price.default(null),
  currency: listingFields.currency.default('CNY'),
  description: listingFields.description.default(''),
  lat: listingFields.lat.default(0),
  lng: listingFields.lng.default(0),
  areaM2: listingFields.areaM2.default(null),
});
export type PlaceCreate = z.infer<typeof placeCreateSchema>;

/**
 * Editing a place: any listing field, plus publishing, the start room, the cover and the
 * floor plan. Built from the default-free fields: zod applies a default inside .partial(),
 * so { published: true } would otherwise reset city, price, lat/lng … to empty.
 */
export const placePatchSchema = z
  .object(listingFields)
  .partial()
  .extend({
    published: z.boolean().optional(),
    startScene: z.string().optional(),
    coverScene: z.string().optional(),
    floorPlan: floorPlanSchema.nullable().optional(),
  });
export type PlacePatch = z.infer<typeof placePatchSchema>;

/** Editing a room: its name, where it starts, where north is, where it is on the plan, its hotspots. */
export const scenePatchSchema = z.object({
  name: textSchema({ max: 80 }).optional(),
  nameZh: textSchema({ max: 80, min: 0 }).optional(),
  north: z.number().min(-360).max(360).optional(),
  floor: z.object({ x: z.number().finite(), y: z.number().finite() }).optional(),
  initialView: viewSchema.optional(),
  hotspots: z.array(hotspotInputSchema).max(100).optional(),
});
export type ScenePatch = z.infer<typeof scenePatchSchema>;

/** A place as its host sees it: the public shape plus the publishing state (rooms may be empty). */
export const hostPlaceSchema = placeSchema.extend({
  published: z.boolean(),
  tour: placeSchema.shape.tour.extend({ scenes: placeSchema.shape.tour.shape.scenes.element.array() }),
});
export type HostPlace = z.infer<typeof hostPlaceSchema>;
