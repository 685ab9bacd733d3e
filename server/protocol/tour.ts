import { z } from 'zod';
import { placeListingSchema } from './placeListing.ts';
import { agentProfileSchema } from './agentProfile.ts';
import { exhibitSchema } from './museum.ts';
import { showSchema } from './show.ts';

export { TILE_BORDER, TILE_SIZE } from './tileConstants.ts';

export const viewSchema = z.object({
  yaw: z.number().min(-360).max(360),
  pitch: z.number().min(-90).max(90),
  fov: z.number().min(10).max(120),
});
export type View = z.infer<typeof viewSchema>;

export const tileLevelSchema = z.object({
  /** Face edge in pixels at this level. */
  size: z.number().int().positive(),
  /** Content pixels per tile edge (edge tiles may be smaller). */
  tileSize: z.number().int().positive(),
});
export type TileLevel = z.infer<typeof tileLevelSchema>;

/** A room's id within its place: url-safe, lower case, as the host console and the tiler make them. */
export const sceneIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a room id');

export const hotspotSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('scene'),
    target: z.string(),
    yaw: z.number(),
    pitch: z.number(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('info'),
    yaw: z.number(),
    pitch: z.number(),
    title: z.string(),
    text: z.string(),
    /** The same in Chinese, when the host wrote it; else a zh-CN reader sees the English. */
    titleZh: z.string().optional(),
    textZh: z.string().optional(),
  }),
  /** A museum hall's exhibit: opens the exhibit viewer (the place's `exhibits` names it). */
  z.object({
    id: z.string(),
    kind: z.literal('exhibit'),
    exhibitId: z.string(),
    yaw: z.number(),
    pitch: z.number(),
  }),
]);
export type Hotspot = z.infer<typeof hotspotSchema>;

export const sceneSchema = z.object({
  id: sceneIdSchema,
  name: z.string(),
  nameZh: z.string().optional(),
  /** Tile URL template; {l} level index, {f} face id, {x} {y} tile column and row. */
  tileUrl: z.string(),
  /** One small image of the whole sphere: six faces side by side (f r b l u d), each with the border. */
  previewUrl: z.string(),
  previewFaceSize: z.number().int().positive(),
  /** A flat picture of the room's opening view (the room strip's thumbnail); absent from servers before it. */
  coverUrl: z.string().optional(),
  levels: z.array(tileLevelSchema).min(1),
  /** The format of tileUrl and previewUrl. Scenes tiled before AVIF say 'jpg' and keep working. */
  tileFormat: z.enum(['jpg', 'webp', 'avif']),
  /**
   * Every tile and the preview also exist with this extension in place of tileFormat's:
   * the viewer falls back to it when the browser cannot decode tileFormat.
   */
  fallbackFormat: z.enum(['jpg']).optional(),
  initialView: viewSchema,
  /** The host chose the opening view: viewers get it as it is. Else it is turned, if need be, so a way on (a door) is in sight. */
  initialViewChosen: z.boolean().optional(),
  /** Degrees from the panorama's yaw 0 to true north (clockwise), for the compass. */
  north: z.number().default(0),
  /** Position on the floor plan in metres. */
  floor: z.object({ x: z.number(), y: z.number() }),
  hotspots: z.array(hotspotSchema),
});
export type Scene = z.infer<typeof sceneSchema>;

export const floorPlanSchema = z.object({
  /** Floor-plan outline in metres, one polygon per room, for the minimap. */
  rooms: z.array(z.object({ sceneId: sceneIdSchema, polygon: z.array(z.tuple([z.number(), z.number()])) })),
  width: z.number().positive(),
  height: z.number().positive(),
  /**
   * An uploaded plan drawing stretched over width × height metres (the scale), under the room
   * shapes. Only a file the server wrote under the place's own `_plan/` folder: the URL it
   * serves (`[origin]/tiles/<place>[/~<grant>]/_plan/plan-<hex>.<ext>`) or, as stored, that path
   * alone. A host's PATCH cannot set it; the floor-plan upload does.
   */
  image: z
    .string()
    .regex(
      /^(?:(?:https?:\/\/[^/\s?#]+)?\/tiles\/[a-z0-9][a-z0-9-]{0,63}(?:\/~[A-Za-z0-9._-]{1,400})?\/)?_plan\/plan-[0-9a-f]{12}\.(?:jpg|png|webp)$/,
      'only a floor plan uploaded to this place',
    )
    .optional(),
});
export type FloorPlan = z.infer<typeof floorPlanSchema>;

export const tourSchema = z.object({
  /** '' for a museum that has exhibits and no hall yet. */
  startScene: z.string(),
  /** At least one, except for a museum open with its exhibits alone (its `exhibits` is then non-empty). */
  scenes: z.array(sceneSchema),
  floorPlan: floorPlanSchema.optional(),
  /** glTF overview of the whole place, in floor-plan metres (x = plan x, z = plan y, y up). */
  dollhouseUrl: z.string().optional(),
});
export type Tour = z.infer<typeof tourSchema>;

/** A place in the catalogue: its id, the listing's headline fields, the cover and how many rooms. */
export const placeSummarySchema = z.object({
  id: z.string(),
  ...placeListingSchema.pick({ kind: true, title: true, city: true, address: true, price: true, currency: true, areaM2: true, facts: true, titleZh: true, cityZh: true, addressZh: true }).shape,
  coverUrl: z.string(),
  rooms: z.number().int(),
});
export type PlaceSummary = z.infer<typeof placeSummarySchema>;

/** A place as its page and its tour see it: the whole listing and the tour. */
export const placeSchema = placeSummarySchema.extend({
  ...placeListingSchema.pick({ description: true, descriptionZh: true, lat: true, lng: true }).shape,
  tour: tourSchema,
  /** The agent who lists it (the owning host's public profile); absent for places without one. */
  agent: agentProfileSchema.optional(),
  /**
   * The map tiles to draw its position with (MAP_TILE_URL, an XYZ template with {z} {x} {y}),
   * only when the place has coordinates and the server has a tile source; else the page draws its own.
   */
  mapTileUrl: z.string().optional(),
  /** A museum's 3D exhibits (absent for homes); the halls are the tour's rooms, the map its floor plan. */
  exhibits: z.array(exhibitSchema).optional(),
  /** A show's angles, schedule and status (absent for homes and museums). */
  show: showSchema.optional(),
});
export type Place = z.infer<typeof placeSchema>;

export const apiErrorSchema = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;
