import { directionFromYawPitch, type Scene, type View } from '@protocol';
import { screenPixelsPerRadian, selectLevel } from './selectLevel.ts';
import { clampView, verticalFov } from './viewMath.ts';
import { viewPlanes, visibleTiles } from './visibleTiles.ts';

/**
 * The URLs the viewer will ask for first when it opens `scene` at `view` on a canvas
 * `width`×`height` CSS pixels at `dpr`: the preview, then the visible tiles of the level
 * the screen needs, nearest the centre first. Plain math (no three.js), so the page can
 * start these downloads before the 3D bundle has even arrived.
 */
export function firstViewTiles(scene: Scene, view: Partial<View>, width: number, height: number, dpr: number): string[] {
  const v = clampView({ ...scene.initialView, ...view });
  const aspect = width / height;
  const vfov = verticalFov(v.fov, aspect);
  const hfov = (2 * Math.atan(Math.tan((vfov * Math.PI) / 360) * aspect) * 180) / Math.PI;
  const forward = directionFromYawPitch(v.yaw, v.pitch);
  const right = directionFromYawPitch(v.yaw + 90, 0);
  const up = [right[1] * forward[2] - right[2] * forward[1], right[2] * forward[0] - right[0] * forward[2], right[0] * forward[1] - right[1] * forward[0]];
  const level = selectLevel(scene.levels, screenPixelsPerRadian(height, dpr, vfov));
  const tiles = visibleTiles(level, scene.levels[level], viewPlanes(forward, right, up, hfov, vfov), forward);
  const url = (l: number, f: string, x: number, y: number) =>
    scene.tileUrl.replace('{l}', String(l)).replace('{f}', f).replace('{x}', String(x)).replace('{y}', String(y));
  return [scene.previewUrl, ...tiles.map((t) => url(t.level, t.face, t.x, t.y))];
}
