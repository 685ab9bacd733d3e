/**
 * Where a pointer is on the floor plan, in metres, clamped to the plan. The plan is drawn
 * stretched over its box (preserveAspectRatio="none"), so the mapping is linear per axis.
 * Rounded to centimetres: finer than anyone places a camera.
 */
export function planPointFromPointer(
  box: { left: number; top: number; width: number; height: number },
  plan: { width: number; height: number },
  clientX: number,
  clientY: number,
): { x: number; y: number } {
  const fx = box.width > 0 ? (clientX - box.left) / box.width : 0;
  const fy = box.height > 0 ? (clientY - box.top) / box.height : 0;
  return { x: clampRound(fx * plan.width, plan.width), y: clampRound(fy * plan.height, plan.height) };
}

function clampRound(v: number, max: number): number {
  return Math.round(Math.max(0, Math.min(max, v)) * 100) / 100;
}
