import { TILE_SIZE } from '../protocol/index.ts';

/** Face sizes are kept to multiples of 8 so every level halves cleanly and encoders get whole blocks. */
const round8 = (n: number) => Math.max(8, 8 * Math.round(n / 8));

/**
 * Face edge (pixels) of every tile level for an equirect `sourceWidth` wide, ascending.
 *
 * The top level is W/π: at a face's centre one face pixel spans 2/S radians (the face is
 * the tangent plane from −1 to 1) and one source pixel 2π/W, so S = W/π keeps the
 * source's full detail where the viewer looks most without inventing any. Each further
 * level halves until one tile covers a face, so the viewer always has a cheap level to
 * show first.
 */
export function planLevels(sourceWidth: number, tileSize: number = TILE_SIZE): number[] {
  // Below 16 the halving could stall at the 8-pixel floor; no viewer wants tiles that small anyway.
  if (!Number.isInteger(tileSize) || tileSize < 16) throw new RangeError(`tileSize must be an integer ≥ 16, got ${tileSize}`);
  const sizes = [round8(sourceWidth / Math.PI)];
  while (sizes[sizes.length - 1] > tileSize) sizes.push(round8(sizes[sizes.length - 1] / 2));
  return sizes.reverse();
}
