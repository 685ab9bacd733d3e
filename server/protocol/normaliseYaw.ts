/**
 * Yaw in degrees folded into (-180, 180]: the one rule the viewer, the session server and the
 * host editor share. Exact (no rounding): `%` and one add or subtract of 360 lose no bits here,
 * so small turns accumulate without drift. What goes on the wire is rounded where it is sent.
 */
export function normaliseYaw(yaw: number): number {
  let y = yaw % 360;
  if (y > 180) y -= 360;
  else if (y <= -180) y += 360;
  return y === 0 ? 0 : y;
}
