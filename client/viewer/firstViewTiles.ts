import { directionFromYawPitch } from '@protocol/cubeFaces.ts';
import type { Scene, View } from '@protocol';
import { screenPixelsPerRadian, selectLevel } from './selectLevel.ts';
import { tileUrl, type TileRef } from './tileGrid.ts';
import { clampView, verticalFov } from './viewMath.ts';
import { viewPlanes, visibleTiles, type Plane } from './visibleTiles.ts';

/** The camera and tiles of a room's opening view, as the viewer will compute them. */
export interface FirstView {
  view: View;
  /** Degrees. */
  hfov: number;
  vfov: number;
  /** Unit camera axes (world frame of @protocol/cubeFaces). */
  forward: readonly number[];
  right: readonly number[];
  up: readonly number[];
  planes: Plane[];
  /** The visible tiles of the level the screen needs, nearest the centre first. */
  tiles: TileRef[];
}

/**
 * Where the viewer will look and what it will ask for first when it opens `scene` at `view`
 * on a canvas `width`×`height` CSS pixels at `dpr`. Plain math (no three.js, no zod), so the
 * tour page can paint and download the first view before the 3D bundle has arrived.
 */
export function firstView(scene: Scene, view: Partial<View>, width: number, height: number, dpr: number): FirstView {
  const v = clampView({ ...scene.initialView, ...view });
  const aspect = width / height;
  const vfov = verticalFov(v.fov, aspect);
  const hfov = (2 * Math.atan(Math.tan((vfov * Math.PI) / 360) * aspect) * 180) / Math.PI;
  const forward = directionFromYawPitch(v.yaw, v.pitch);
  const right = directionFromYawPitch(v.yaw + 90, 0);
  const up = [right[1] * forward[2] - right[2] * forward[1], right[2] * forward[0] - right[0] * forward[2], right[0] * forward[1] - right[1] * forward[0]];
  const planes = viewPlanes(forward, right, up, hfov, vfov);
  const level = selectLevel(scene.levels, screenPixelsPerRadian(height, dpr, vfov));
  return { view: v, hfov, vfov, forward, right, up, planes, tiles: visibleTiles(level, scene.levels[level], planes, forward) };
}

/** The URLs the viewer will ask for first: the preview, then the first view's tiles, nearest the centre first. */
export function firstViewTiles(scene: Scene, view: Partial<View>, width: number, height: number, dpr: number): string[] {
  return [scene.previewUrl, ...firstView(scene, view, width, height, dpr).tiles.map((t) => tileUrl(scene, t))];
}
