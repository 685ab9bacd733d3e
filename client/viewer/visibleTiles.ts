import type { TileLevel } from '@protocol';
import { allTiles, tileBounds, tileCorners, type TileRef } from './tileGrid.ts';
import { facePoint } from '@protocol/cubeFaces.ts';

/** A plane through the camera (the origin): points p with n·p >= 0 are inside. */
export type Plane = readonly [number, number, number];

/**
 * The four side planes of a view pyramid with its apex at the origin (the camera never
 * moves inside a panorama, so near/far do not matter). `forward`, `right`, `up` are the
 * camera's unit axes; fovs in degrees; `margin` widens the pyramid a little (deg) so the
 * tiles just off-screen are ready when a pan starts.
 */
export function viewPlanes(
  forward: readonly number[],
  right: readonly number[],
  up: readonly number[],
  hfovDeg: number,
  vfovDeg: number,
  margin = 0,
): Plane[] {
  const th = Math.tan(((hfovDeg / 2 + margin) * Math.PI) / 180);
  const tv = Math.tan(((vfovDeg / 2 + margin) * Math.PI) / 180);
  const comb = (a: readonly number[], ka: number, b: readonly number[], kb: number): Plane => [
    a[0] * ka + b[0] * kb,
    a[1] * ka + b[1] * kb,
    a[2] * ka + b[2] * kb,
  ];
  // Inward normals: e.g. the left plane contains forward - th·right and up.
  return [
    comb(forward, th, right, 1), // left edge: inside when right·p >= -th forward·p
    comb(forward, th, right, -1), // right edge
    comb(forward, tv, up, 1), // bottom edge
    comb(forward, tv, up, -1), // top edge
    [forward[0], forward[1], forward[2]], // nothing behind the camera (fov < 180°)
  ];
}

function dot(p: Plane, v: readonly number[]) {
  return p[0] * v[0] + p[1] * v[1] + p[2] * v[2];
}

/**
 * Whether a tile's quad can be seen: a convex quad is hidden only when all of its corners
 * lie outside one plane. Exact along edges, conservative only near the pyramid's corners.
 */
export function isTileVisible(corners: readonly (readonly number[])[], planes: readonly Plane[]): boolean {
  for (const p of planes) {
    let outside = 0;
    for (const c of corners) if (dot(p, c) <= 1e-9) outside++; // touching an edge is not being seen
    if (outside === corners.length) return false;
  }
  return true;
}

/**
 * The tiles of one level that intersect the view, nearest the view centre first — the
 * order in which a person's eye judges sharpness.
 */
export function visibleTiles(levelIndex: number, level: TileLevel, planes: readonly Plane[], forward: readonly number[]): TileRef[] {
  const scored: { tile: TileRef; score: number }[] = [];
  for (const tile of allTiles(levelIndex, level)) {
    const corners = tileCorners(tile.face, level, tile.x, tile.y);
    if (!isTileVisible(corners, planes)) continue;
    const { a0, a1, b0, b1 } = tileBounds(level, tile.x, tile.y);
    const c = facePoint(tile.face, (a0 + a1) / 2, (b0 + b1) / 2);
    const len = Math.hypot(c[0], c[1], c[2]);
    scored.push({ tile, score: -(c[0] * forward[0] + c[1] * forward[1] + c[2] * forward[2]) / len });
  }
  scored.sort((p, q) => p.score - q.score);
  return scored.map((s) => s.tile);
}
