import { z } from 'zod';
import { sceneIdSchema, type View } from './tour.ts';

const num = (min: number, max: number) => z.coerce.number().finite().min(min).max(max).optional().catch(undefined);

const paramsSchema = z.object({
  scene: sceneIdSchema.optional().catch(undefined),
  yaw: num(-360, 360),
  pitch: num(-90, 90),
  fov: num(10, 120),
});

/**
 * Reads a tour link's ?scene&yaw&pitch&fov; a malformed value is ignored, never an error
 * page. Shared: the page reads the link, and the server reads it to paint the first view
 * into the tour HTML.
 */
export function parseTourParams(search: string): { sceneId?: string; rawScene?: string; view: Partial<View> } {
  const q = new URLSearchParams(search);
  const obj = Object.fromEntries([...q.entries()].filter(([k]) => ['scene', 'yaw', 'pitch', 'fov'].includes(k)));
  const p = paramsSchema.parse(obj);
  const view: Partial<View> = {};
  if (p.yaw !== undefined) view.yaw = p.yaw;
  if (p.pitch !== undefined) view.pitch = p.pitch;
  if (p.fov !== undefined) view.fov = p.fov;
  return { sceneId: p.scene, rawScene: q.get('scene') ?? undefined, view };
}
