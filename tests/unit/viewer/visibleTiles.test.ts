import { describe, expect, it } from 'vitest';
import { directionFromYawPitch } from '@protocol';
import { allTiles } from '../../../client/viewer/tileGrid.ts';
import { visibleTiles, viewPlanes } from '../../../client/viewer/visibleTiles.ts';
import { verticalFov } from '../../../client/viewer/viewMath.ts';

/** The camera axes for a yaw/pitch view, as the viewer builds them. */
function axes(yaw: number, pitch: number) {
  const f = directionFromYawPitch(yaw, pitch);
  const r = directionFromYawPitch(yaw + 90, 0);
  const u = [r[1] * f[2] - r[2] * f[1], r[2] * f[0] - r[0] * f[2], r[0] * f[1] - r[1] * f[0]];
  return { f, r, u };
}

function visible(yaw: number, pitch: number, hfov: number, aspect = 16 / 9, level = { size: 1304, tileSize: 512 }) {
  const { f, r, u } = axes(yaw, pitch);
  return visibleTiles(2, level, viewPlanes(f, r, u, hfov, verticalFov(hfov, aspect)), f);
}

describe('tile visibility', () => {
  it('looking straight ahead at hfov 89 needs only front-face tiles, a small subset of the level', () => {
    const tiles = visible(0, 0, 89);
    expect(new Set(tiles.map((t) => t.face))).toEqual(new Set(['f']));
    expect(tiles.length).toBeLessThan(allTiles(2, { size: 1304, tileSize: 512 }).length / 4);
  });

  it('orders tiles nearest the view centre first', () => {
    const tiles = visible(0, 0, 89);
    expect(tiles[0]).toMatchObject({ face: 'f', x: 1, y: 1 });
  });

  it('turning around asks for different tiles; looking up asks for the top face', () => {
    const front = new Set(visible(0, 0, 89).map((t) => t.key));
    const back = visible(180, 0, 89).map((t) => t.key);
    expect(back.some((k) => front.has(k))).toBe(false);
    expect(back.every((k) => k.includes('/b/'))).toBe(true);
    expect(visible(0, 80, 89).some((t) => t.face === 'u')).toBe(true);
  });

  it('a view across a face edge (yaw 45) needs tiles from both faces', () => {
    const faces = new Set(visible(45, 0, 60).map((t) => t.face));
    expect(faces).toEqual(new Set(['f', 'r']));
  });

  it('never returns tiles behind the camera, even with a wide view', () => {
    for (const t of visible(0, 0, 110)) expect(t.face).not.toBe('b');
  });
});
