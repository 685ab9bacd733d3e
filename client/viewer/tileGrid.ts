import { FACE_IDS, facePoint, type FaceId } from '@protocol/cubeFaces.ts';
import type { Scene, TileLevel } from '@protocol';

export interface TileRef {
  readonly level: number;
  readonly face: FaceId;
  readonly x: number;
  readonly y: number;
  /** `${level}/${face}/${y}_${x}` — also the tile's path below the scene's base URL. */
  readonly key: string;
}

export function tilesPerSide(level: TileLevel): number {
  return Math.ceil(level.size / level.tileSize);
}

/** Face-coordinate bounds (a left→right, b top→bottom, in [-1, 1]) of a tile's content. */
export function tileBounds(level: TileLevel, x: number, y: number) {
  const s = level.size;
  const t = level.tileSize;
  const px0 = x * t, px1 = Math.min((x + 1) * t, s);
  const py0 = y * t, py1 = Math.min((y + 1) * t, s);
  return {
    a0: (2 * px0) / s - 1,
    a1: (2 * px1) / s - 1,
    b0: 1 - (2 * py0) / s,
    b1: 1 - (2 * py1) / s,
    /** Content size in pixels (edge tiles can be smaller than tileSize). */
    width: px1 - px0,
    height: py1 - py0,
  };
}

/**
 * Corners of a tile on the unit cube: top-left, top-right, bottom-right, bottom-left; `grow`
 * texels further out on every side (into the tile's border, for quads that overlap).
 */
export function tileCorners(face: FaceId, level: TileLevel, x: number, y: number, grow = 0): [number, number, number][] {
  const { a0, a1, b0, b1 } = tileBounds(level, x, y);
  const g = (2 * grow) / level.size;
  return [facePoint(face, a0 - g, b0 + g), facePoint(face, a1 + g, b0 + g), facePoint(face, a1 + g, b1 - g), facePoint(face, a0 - g, b1 - g)];
}

export function tileKey(level: number, face: FaceId, x: number, y: number): string {
  return `${level}/${face}/${y}_${x}`;
}

/** Every tile of a level. */
export function allTiles(levelIndex: number, level: TileLevel): TileRef[] {
  const n = tilesPerSide(level);
  const out: TileRef[] = [];
  for (const face of FACE_IDS)
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) out.push({ level: levelIndex, face, x, y, key: tileKey(levelIndex, face, x, y) });
  return out;
}

/** A tile's URL from its scene's template ({l} {f} {x} {y}). */
export function tileUrl(scene: Pick<Scene, 'tileUrl'>, t: TileRef): string {
  return scene.tileUrl.replace('{l}', String(t.level)).replace('{f}', t.face).replace('{x}', String(t.x)).replace('{y}', String(t.y));
}
