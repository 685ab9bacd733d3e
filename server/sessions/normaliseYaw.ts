/** Yaw in degrees folded into -180 (exclusive) … 180 (inclusive), rounded to 1/1000°. */
export function normaliseYaw(yaw: number): number {
  let y = ((yaw % 360) + 360) % 360;
  if (y > 180) y -= 360;
  return Math.round(y * 1000) / 1000;
}
