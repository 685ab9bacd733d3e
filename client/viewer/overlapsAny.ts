/** A rectangle on a cube face, as tileBounds gives it: a left→right, b top→bottom (b0 > b1). */
export interface FaceRect {
  readonly a0: number;
  readonly a1: number;
  readonly b0: number;
  readonly b1: number;
}

/** Whether `r` shares any area with one of `others` (touching edges do not count). */
export function overlapsAny(r: FaceRect, others: readonly FaceRect[] | undefined): boolean {
  if (!others) return false;
  const eps = 1e-9;
  for (const o of others) if (Math.min(r.a1, o.a1) - Math.max(r.a0, o.a0) > eps && Math.min(r.b0, o.b0) - Math.max(r.b1, o.b1) > eps) return true;
  return false;
}
