/** Median of a non-empty list (the upper one of the middle two for even counts, like tour.bench.ts). */
export function medianOf(xs: number[]): number {
  if (xs.length === 0) throw new RangeError('medianOf: no values');
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
