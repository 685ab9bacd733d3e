/**
 * Face sizes tileSize·2^k up to the first that keeps a `sourceWidth` equirect's full detail
 * (≥ W/π): Marzipano needs every level a multiple of the one below and of the tile size,
 * PSV needs a power-of-two tile count, so neither can cut Vantage's W/π top face with 512
 * px tiles. Rounding up (2048 for a 4096 source, as Marzipano's sample tour ladders go)
 * loses no detail; rounding down to 1024 would, and every viewer is held to the same reference.
 */
export function powerOfTwoLadder(sourceWidth: number, tileSize = 512): number[] {
  const sizes = [tileSize];
  while (sizes[sizes.length - 1] < sourceWidth / Math.PI) sizes.push(sizes[sizes.length - 1] * 2);
  return sizes;
}
