import { FACE_IDS, FACES, facePoint, type FaceId } from '@protocol/cubeFaces.ts';
import { TILE_BORDER } from '@protocol/tileConstants.ts';
import type { Scene, View } from '@protocol';
import { firstView } from '../viewer/firstViewTiles.ts';
import { tileBounds, tileUrl } from '../viewer/tileGrid.ts';
import { isTileVisible } from '../viewer/visibleTiles.ts';

/** One image of the first paint: an element `width`×`height` CSS px placed on the screen by `matrix`. */
export interface FirstPaintQuad {
  kind: 'preview' | 'tile';
  url: string;
  /** The element's box, in image pixels (the image's border included). */
  width: number;
  height: number;
  /** For the preview strip: the box shows the image from this x on (one face of six). */
  imageX: number;
  /** CSS matrix3d() values, column-major: box pixel (u, v) → viewport CSS px, perspective divide included. */
  matrix: number[];
}

type V3 = readonly number[];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const add = (a: V3, b: V3, k = 1): number[] => [a[0] + k * b[0], a[1] + k * b[1], a[2] + k * b[2]];

/**
 * The first view of `scene` as flat images under CSS perspective: the preview's visible faces,
 * then the visible tiles of the level the viewer will load (the same ones, from
 * firstView), each with a matrix3d that puts its pixels exactly where the WebGL viewer's
 * camera would. The browser draws these as soon as each image decodes, with no script or
 * GPU context of ours: a tour link shows its room while the 3D bundle is still arriving.
 */
export function firstPaintQuads(scene: Scene, view: Partial<View>, width: number, height: number, dpr: number): FirstPaintQuad[] {
  const fv = firstView(scene, view, width, height, dpr);
  // Screen = (X/W, Y/W) with X = (w/2)·d + f·(p·right), Y = (h/2)·d − f·(p·up), W = d = p·forward.
  const f = height / 2 / Math.tan((fv.vfov * Math.PI) / 360);
  const rowX = add(fv.forward.map((c) => c * (width / 2)), fv.right, f);
  const rowY = add(fv.forward.map((c) => c * (height / 2)), fv.up, -f);
  const rowW = fv.forward;
  /** The matrix for a box whose pixel (u, v) lies at face pixel (px0 + u, py0 + v) of `face` at `size` px per face edge. */
  const place = (face: FaceId, size: number, px0: number, py0: number, boxW: number, boxH: number): number[] => {
    const { center: c, right: r, up: u } = FACES[face];
    const origin = add(add(c, r, -1 + (2 * px0) / size), u, 1 - (2 * py0) / size);
    const eu = r.map((x) => (2 * x) / size);
    const ev = u.map((x) => (-2 * x) / size);
    // Scaled so w = 1 at the box centre: matrix3d is single precision in the compositor.
    const mid = add(add(origin, eu, boxW / 2), ev, boxH / 2);
    const k = 1 / dot(rowW, mid);
    // Screen coordinates are linear in the world point, so each column is the rows applied to one basis vector.
    const col = (q: V3) => [k * dot(rowX, q), k * dot(rowY, q), 0, k * dot(rowW, q)];
    // The box's own z (always 0) passes through as z: keeps the matrix invertible, which the compositor needs to draw it.
    return [...col(eu), ...col(ev), 0, 0, 1, 0, ...col(origin)];
  };

  const quads: FirstPaintQuad[] = [];
  const p = scene.previewFaceSize;
  const edge = p + 2 * TILE_BORDER;
  FACE_IDS.forEach((face, i) => {
    const corners = [facePoint(face, -1, 1), facePoint(face, 1, 1), facePoint(face, 1, -1), facePoint(face, -1, -1)];
    if (!isTileVisible(corners, fv.planes)) return;
    quads.push({ kind: 'preview', url: scene.previewUrl, width: edge, height: edge, imageX: i * edge, matrix: place(face, p, -TILE_BORDER, -TILE_BORDER, edge, edge) });
  });
  for (const t of fv.tiles) {
    const level = scene.levels[t.level];
    const b = tileBounds(level, t.x, t.y);
    const w = b.width + 2 * TILE_BORDER, h = b.height + 2 * TILE_BORDER;
    quads.push({ kind: 'tile', url: tileUrl(scene, t), width: w, height: h, imageX: 0, matrix: place(t.face, level.size, t.x * level.tileSize - TILE_BORDER, t.y * level.tileSize - TILE_BORDER, w, h) });
  }
  return quads;
}
