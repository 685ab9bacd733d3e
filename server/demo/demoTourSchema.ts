import { z } from 'zod';
import { floorPlanSchema, hotspotSchema, placeKindSchema, viewSchema } from '../protocol/index.ts';

/** assets/demo/<place>/tour.json: what the demo generator rendered, before tiling. */
export const demoTourSchema = z.object({
  place: z.object({
    id: z.string(),
    kind: placeKindSchema,
    title: z.string(),
    city: z.string(),
    address: z.string(),
    price: z.number().nullable(),
    currency: z.string(),
    lat: z.number(),
    lng: z.number(),
    areaM2: z.number().nullable(),
    description: z.string(),
  }),
  startScene: z.string(),
  scenes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      nameZh: z.string().optional(),
      north: z.number().default(0),
      floor: z.object({ x: z.number(), y: z.number() }),
      initialView: viewSchema,
      hotspots: z.array(hotspotSchema),
    }),
  ),
  floorPlan: floorPlanSchema.optional(),
});
export type DemoTour = z.infer<typeof demoTourSchema>;
