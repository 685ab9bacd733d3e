/**
 * A critically damped spring step (Game Programming Gems 4, "SmoothDamp"): moves `current`
 * towards `target` with continuous velocity, so a target that jumps 20 times a second is
 * followed by a curve with no steps and no overshoot. Returns [value, velocity].
 */
export function smoothDamp(current: number, target: number, velocity: number, smoothTime: number, dt: number): [number, number] {
  const omega = 2 / Math.max(1e-4, smoothTime);
  const x = omega * dt;
  const exp = 1 / (1 + x + 0.48 * x * x + 0.235 * x * x * x);
  const change = current - target;
  const temp = (velocity + omega * change) * dt;
  const nextVelocity = (velocity - omega * temp) * exp;
  const next = target + (change + temp) * exp;
  // Never overshoot: if we passed the target, stop on it.
  if (target - current > 0 === next > target) return [target, 0];
  return [next, nextVelocity];
}
