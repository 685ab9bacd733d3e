import { z } from 'zod';
import { floorPlanSchema, placeListingInputFields, sceneSchema } from '../protocol/index.ts';

/**
 * assets/demo/<place>/tour.json: what the demo generator rendered, before tiling. The place is
 * a listing as a host would type it; each room is a tour scene without its tiles.
 */
export const demoTourSchema = z.object({
  place: z.object({ id: z.string(), ...placeListingInputFields }),
  startScene: z.string(),
  scenes: z.array(sceneSchema.pick({ id: true, name: true, nameZh: true, north: true, floor: true, initialView: true, hotspots: true })),
  floorPlan: floorPlanSchema.optional(),
});
export type DemoTour = z.infer<typeof demoTourSchema>;
