import type { View } from '@protocol';
import { roundView } from '../viewer/viewMath.ts';

export { parseTourParams } from '@protocol';

/** The deep link for a room and view. */
export function tourSearch(sceneId: string, view: View): string {
  const v = roundView(view);
  return `?scene=${encodeURIComponent(sceneId)}&yaw=${v.yaw}&pitch=${v.pitch}&fov=${v.fov}`;
}
