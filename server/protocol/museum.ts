/**
 * Museums in the one place model: a museum is a place (kind 'museum') whose tour's rooms are
 * its halls, whose floor plan is its map, and which also holds exhibits — 3D models with
 * numbered info points, placed in a hall by an 'exhibit' hotspot and on the map by a point.
 * One exhibit may be the site model (role 'site', the "digital sand table"), whose eras
 * raise its buildings in order in AR. Imports nothing but zod.
 */
import { z } from 'zod';
import { textSchema } from './text.ts';

/** An exhibit's or info point's id within its place: url-safe, lower case. */
export const exhibitIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not an exhibit id');
export const infoPointIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not an info point id');

/** A point or direction in the model's own space (glTF: metres, y up). */
export const vec3Schema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

/** An orbit camera on a model: where it is and what it looks at (model space); fov vertical, degrees. */
export const modelCameraSchema = z.object({
  position: vec3Schema,
  target: vec3Schema,
  fov: z.number().min(5).max(120).optional(),
});
export type ModelCamera = z.infer<typeof modelCameraSchema>;

/** Axis-aligned bounds of the model in its own space, as the ingest measured them. */
export const boundsSchema = z.object({ min: vec3Schema, max: vec3Schema });
export type Bounds = z.infer<typeof boundsSchema>;

/** The fields an info point has however it is stored (the record keeps file paths, the API URLs). */
export const infoPointFieldsSchema = z.object({
  id: infoPointIdSchema,
  /** On the model's surface (model space); the numbered button sits here. */
  position: vec3Schema,
  /** The surface's outward normal: the button hides when it faces away. */
  normal: vec3Schema.optional(),
  /** Where the camera flies when the point is chosen; the viewer frames the point itself without one. */
  camera: modelCameraSchema.optional(),
  title: textSchema({ max: 80 }),
  titleZh: textSchema({ max: 80 }).optional(),
  text: textSchema({ max: 2000, min: 0, multiline: true }),
  textZh: textSchema({ max: 2000, min: 0, multiline: true }).optional(),
});

export const infoPointSchema = infoPointFieldsSchema.extend({
  imageUrl: z.string().optional(),
  audioUrl: z.string().optional(),
});
export type InfoPoint = z.infer<typeof infoPointSchema>;

/**
 * One era of a site model: the glTF nodes (by name) that stand from this era on. In AR the
 * sand table raises them era by era with the caption.
 */
export const eraSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** Year, negative before the common era; orders the eras. */
  year: z.number().int().min(-10000).max(3000),
  label: textSchema({ max: 80 }),
  labelZh: textSchema({ max: 80 }).optional(),
  nodes: z.array(z.string().max(200)).max(500),
});
export type Era = z.infer<typeof eraSchema>;

/** Where an exhibit stands: in a hall (the hotspot's direction) and on the museum map (metres). */
export const exhibitPlacementSchema = z.object({
  hall: z.object({ sceneId: z.string(), yaw: z.number(), pitch: z.number() }).optional(),
  map: z.object({ x: z.number(), y: z.number() }).optional(),
});

/** The fields an exhibit has however it is stored. */
export const exhibitFieldsSchema = exhibitPlacementSchema.extend({
  id: exhibitIdSchema,
  /** 'site': the museum's site model (the sand table); at most one per place. */
  role: z.enum(['exhibit', 'site']),
  title: textSchema({ max: 120 }),
  titleZh: textSchema({ max: 120 }).optional(),
  description: textSchema({ max: 4000, min: 0, multiline: true }),
  descriptionZh: textSchema({ max: 4000, min: 0, multiline: true }).optional(),
  /** Real-world size in AR: metres per model unit (1 for a model authored in metres). */
  arScale: z.number().positive().max(1000).default(1),
  eras: z.array(eraSchema).max(20).optional(),
  /** Minutes a visitor typically spends at it, for route planning. */
  minutes: z.number().min(0).max(240).default(3),
});

/** An exhibit as the API and the pages see it. */
export const exhibitSchema = exhibitFieldsSchema.extend({
  /** The desktop rendition: GLB, meshopt geometry, WebP textures. */
  modelUrl: z.string(),
  /** A lighter GLB for phones (textures resized, fewer triangles), where one was made. */
  phoneModelUrl: z.string().optional(),
  /** iOS AR Quick Look. */
  usdzUrl: z.string(),
  posterUrl: z.string(),
  bytes: z.number().int().nonnegative(),
  phoneBytes: z.number().int().nonnegative().optional(),
  bounds: boundsSchema,
  infoPoints: z.array(infoPointSchema).max(50),
});
export type Exhibit = z.infer<typeof exhibitSchema>;
