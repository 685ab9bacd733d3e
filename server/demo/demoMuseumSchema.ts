import { z } from 'zod';
import { exhibitFieldsSchema, infoPointFieldsSchema } from '../protocol/index.ts';
import { demoTourSchema } from './demoTourSchema.ts';

/**
 * assets/demo/museum/museum.json: the demo flat's tour shape (halls are the rooms, the map the
 * floor plan) plus the exhibits, each naming its source GLB under models/ and its info points.
 */
export const demoMuseumSchema = demoTourSchema.extend({
  exhibits: z
    .array(
      exhibitFieldsSchema.extend({
        model: z.string().regex(/^models\/[a-z0-9-]+\.glb$/, 'a GLB under models/'),
        infoPoints: z.array(infoPointFieldsSchema).max(50),
      }),
    )
    .min(1)
    .max(200),
});
export type DemoMuseum = z.input<typeof demoMuseumSchema>;
