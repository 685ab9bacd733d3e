import type { FaceId } from '../../../server/protocol/index.ts';
import type { RawImage } from '../../../server/ingest/decodeEquirect.ts';
import { createFaceSampler } from '../../../server/ingest/createFaceSampler.ts';
import { halveEquirect } from '../../../server/ingest/halveEquirect.ts';

/** Same density rule as Vantage's tiler: sample from the smallest 2× halving still dense enough, so no level aliases. */
const MIN_DENSITY = 0.9;

/**
 * The six whole faces (edge `size`, no border) of a cube in Vantage's layout
 * (server/protocol/cubeFaces.ts: f r b l upright, u's top edge towards b, d's towards f),
 * resampled with Vantage's own bilinear sampler so every viewer's tiles come from
 * identical pixels and only the cut differs. `halvings` caches the 2× copies across calls.
 */
export async function renderCubeFaces(src: RawImage, size: number, halvings: RawImage[] = []): Promise<Record<FaceId, Buffer>> {
  let current = src;
  for (let i = 0; current.width / 2 >= MIN_DENSITY * Math.PI * size; i++) {
    halvings[i] ??= await halveEquirect(current);
    current = halvings[i];
  }
  return createFaceSampler(current, size).render({ x: 0, y: 0, w: size, h: size });
}
