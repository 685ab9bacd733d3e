import { z } from 'zod';
import { floorPlanSchema, hotspotSchema, placeListingSchema, textSchema, tileLevelSchema, viewSchema } from '../protocol/index.ts';

/** What the tiler produced for one scene; URLs are derived at response time (ASSET_BASE_URL may change). */
export const sceneTilesSchema = z.object({
  /** Changes on every ingest so tiles can be cached forever under their URL. */
  rev: z.string().regex(/^[a-z0-9]{4,32}$/),
  levels: z.array(tileLevelSchema).min(1),
  previewFaceSize: z.number().int().positive(),
  format: z.enum(['jpg', 'webp', 'avif']),
  /** The same tiles also exist in this format, for browsers that cannot decode `format`. */
  fallback: z.enum(['jpg']).optional(),
});

export const sceneRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  // The text rule the upload checks before tiling: a name that passed it can always be stored.
  name: textSchema({ max: 80 }),
  nameZh: textSchema({ max: 80, min: 0 }).optional(),
  north: z.number().default(0),
  floor: z.object({ x: z.number(), y: z.number() }),
  initialView: viewSchema,
  hotspots: z.array(hotspotSchema),
  tiles: sceneTilesSchema,
});
export type SceneRecord = z.infer<typeof sceneRecordSchema>;

/** A place as stored (file store now, database later): the public Place minus derived URLs. */
export const placeRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** Owning host (hosts.id); absent for places seeded without an owner (demo content). */
  hostId: z.string().optional(),
  ...placeListingSchema.shape,
  published: z.boolean(),
  /** Scene whose preview is the listing's cover. */
  coverScene: z.string().optional(),
  /** '' while a draft has no rooms yet; a place is published only with at least one. */
  startScene: z.string(),
  scenes: z.array(sceneRecordSchema),
  /** The plan's image as stored: a path relative to the place's tiles folder, of a file the server wrote (storePlaceFile). */
  floorPlan: floorPlanSchema.extend({ image: z.string().regex(/^_plan\/plan-[0-9a-f]{12}\.(?:jpg|png|webp)$/).optional() }).optional(),
  /** Stored glTF overview (a path relative to the place's tiles folder), if any. */
  dollhouse: z.string().regex(/^_dollhouse\/[A-Za-z0-9-]{1,64}\.glb$/).optional(),
});
export type PlaceRecord = z.infer<typeof placeRecordSchema>;
