import type { TileLevel } from '@protocol';

/**
 * Screen pixels per radian at the centre of the view: what a tile level must match to look
 * sharp. Uses device pixels, so a DPR-2 phone asks for twice the detail of a DPR-1 laptop.
 */
export function screenPixelsPerRadian(viewportCssHeight: number, devicePixelRatio: number, vfovDeg: number): number {
  const half = (vfovDeg * Math.PI) / 360;
  return (viewportCssHeight * devicePixelRatio) / 2 / Math.tan(half);
}

/**
 * Index of the smallest level whose texels are at least as dense as the screen's pixels
 * at the view centre (a face of size S has S/2 texels per radian there); the largest level
 * when none is. Levels are ascending by size.
 */
export function selectLevel(levels: readonly TileLevel[], pixelsPerRadian: number): number {
  for (let i = 0; i < levels.length; i++) {
    if (levels[i].size / 2 >= pixelsPerRadian) return i;
  }
  return levels.length - 1;
}
