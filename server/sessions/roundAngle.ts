/** Angles the session relays, rounded to 1/1000°: far below what anyone sees, and shorter frames. */
export function roundAngle(deg: number): number {
  return Math.round(deg * 1000) / 1000;
}
