/** One map tile placed relative to the map's centre, in CSS pixels. */
export interface PlacedTile {
  url: string;
  /** Offset of the tile's top-left corner from the point the map centres on. */
  dx: number;
  dy: number;
}

const TILE = 256;

/**
 * The XYZ (Web Mercator, "slippy map") tiles around a point: `cols` × `rows` tiles, offset so
 * that the point sits at the map's centre. `template` has {z}, {x} and {y}; x wraps round the
 * antimeridian, rows beyond the poles are left out.
 */
export function mapTileGrid(template: string, lat: number, lng: number, zoom: number, cols = 5, rows = 3): PlacedTile[] {
  const n = 2 ** zoom;
  const clampedLat = Math.max(-85.0511, Math.min(85.0511, lat));
  const rad = (clampedLat * Math.PI) / 180;
  const px = ((lng + 180) / 360) * n * TILE;
  const py = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n * TILE;
  const cx = Math.floor(px / TILE);
  const cy = Math.floor(py / TILE);
  const tiles: PlacedTile[] = [];
  for (let j = -Math.floor(rows / 2); j <= Math.floor(rows / 2); j++) {
    const ty = cy + j;
    if (ty < 0 || ty >= n) continue;
    for (let i = -Math.floor(cols / 2); i <= Math.floor(cols / 2); i++) {
      const tx = cx + i;
      const x = ((tx % n) + n) % n;
      tiles.push({
        url: template.replace('{z}', String(zoom)).replace('{x}', String(x)).replace('{y}', String(ty)),
        dx: Math.round(tx * TILE - px),
        dy: Math.round(ty * TILE - py),
      });
    }
  }
  return tiles;
}
