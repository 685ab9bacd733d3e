import { z } from 'zod';
import { eraSchema, exhibitFieldsSchema, infoPointFieldsSchema, textSchema } from '../protocol/index.ts';

const yawPitch = { yaw: z.number().min(-360).max(360), pitch: z.number().min(-90).max(90) };
const unique = <T extends { id: string }>(what: string) => (list: T[] | null | undefined, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  for (const [i, x] of (list ?? []).entries()) {
    if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `two ${what} have the id "${x.id}"` });
    seen.add(x.id);
  }
};

/**
 * PATCH /api/host/places/:id/exhibits/:exhibitId — any field it changes. Info points come as
 * the whole ordered list (the order is their numbering); their image and audio are uploaded
 * on their own (…/media) and kept by the server under the point's id. '' clears a zh text;
 * null takes the exhibit out of its hall, off the map, or drops its eras.
 */
export const exhibitPatchSchema = z.object({
  title: exhibitFieldsSchema.shape.title.optional(),
  titleZh: textSchema({ max: 120, min: 0 }).optional(),
  description: exhibitFieldsSchema.shape.description.optional(),
  descriptionZh: textSchema({ max: 4000, min: 0, multiline: true }).optional(),
  role: exhibitFieldsSchema.shape.role.optional(),
  arScale: z.number().positive().max(1000).optional(),
  minutes: z.number().min(0).max(240).optional(),
  eras: z.array(eraSchema).max(20).superRefine(unique('eras')).nullable().optional(),
  infoPoints: z.array(infoPointFieldsSchema).max(50).superRefine(unique('info points')).optional(),
  /** The hall (a room of the museum) it stands in, and where: the hall shows it as an 'exhibit' hotspot. */
  hall: z.object({ sceneId: z.string().max(64), ...yawPitch }).nullable().optional(),
  /** Its point on the museum map, in the floor plan's metres. */
  map: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable().optional(),
});
export type ExhibitPatchBody = z.infer<typeof exhibitPatchSchema>;

/** The text fields sent beside a new exhibit's file (multipart, so numbers come as strings). */
export const exhibitCreateFieldsSchema = z.object({
  title: exhibitFieldsSchema.shape.title,
  titleZh: textSchema({ max: 120, min: 0 }).optional(),
  role: exhibitFieldsSchema.shape.role.default('exhibit'),
  description: exhibitFieldsSchema.shape.description.default(''),
  descriptionZh: textSchema({ max: 4000, min: 0, multiline: true }).optional(),
  arScale: z.coerce.number().positive().max(1000).default(1),
  minutes: z.coerce.number().min(0).max(240).default(3),
});
