import { z } from 'zod';
import { angleFieldsSchema, angleSourceSchema, boundsSchema, exhibitFieldsSchema, floorPlanSchema, hotspotSchema, infoPointFieldsSchema, placeListingSchema, SHOW_ANGLES_MAX, showFieldsSchema, textSchema, tileLevelSchema, viewSchema } from '../protocol/index.ts';

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
  /** The host set the opening view in the room editor: it is kept as it is (else a newcomer is turned towards a door). */
  initialViewChosen: z.boolean().optional(),
  hotspots: z.array(hotspotSchema),
  tiles: sceneTilesSchema,
});
export type SceneRecord = z.infer<typeof sceneRecordSchema>;

/**
 * What the model ingest wrote for one exhibit, under `_exhibits/<exhibit id>/<rev>/` in the
 * place's tiles folder; URLs are derived at response time (toPublicPlace). A new upload is a
 * new rev: the record is repointed, then the old rev removed (the storeScene order).
 */
export const exhibitModelSchema = z.object({
  rev: z.string().regex(/^[a-z0-9]{4,32}$/),
  /** Desktop rendition (meshopt, WebP textures). */
  glb: z.literal('model.glb'),
  /** Lighter rendition for phones, when the model was heavy enough to need one. */
  phone: z.literal('model-phone.glb').optional(),
  usdz: z.literal('model.usdz'),
  poster: z.literal('poster.webp'),
  bytes: z.number().int().nonnegative(),
  phoneBytes: z.number().int().nonnegative().optional(),
  bounds: boundsSchema,
});
export type ExhibitModel = z.infer<typeof exhibitModelSchema>;

/** An info point's image or audio as stored: a file the server wrote in the exhibit's rev folder. */
const exhibitMediaPath = z.string().regex(/^media\/[0-9a-f]{12}\.(?:jpg|png|webp|mp3|m4a|ogg|opus|wav)$/);

export const exhibitRecordSchema = exhibitFieldsSchema.extend({
  model: exhibitModelSchema,
  infoPoints: z.array(infoPointFieldsSchema.extend({ image: exhibitMediaPath.optional(), audio: exhibitMediaPath.optional() })).max(50),
});
export type ExhibitRecord = z.infer<typeof exhibitRecordSchema>;

/** A show's angle as stored: where its stream comes from; the playlist URL is derived (toPublicPlace). */
export const angleRecordSchema = angleFieldsSchema.extend({ source: angleSourceSchema });
export type AngleRecord = z.infer<typeof angleRecordSchema>;

/** A show as stored: status, schedule and angles in the host's order. */
export const showRecordSchema = showFieldsSchema.extend({ angles: z.array(angleRecordSchema).max(SHOW_ANGLES_MAX) });
export type ShowRecord = z.infer<typeof showRecordSchema>;

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
  /** A museum's exhibits (absent for homes). */
  exhibits: z.array(exhibitRecordSchema).max(200).optional(),
  /** A show's angles, schedule and status (kind 'show' only; absent until the host creates it). */
  show: showRecordSchema.optional(),
});
export type PlaceRecord = z.infer<typeof placeRecordSchema>;
