/**
 * A synthetic room for the IWER environment module (@iwer/sem's scene JSON): a floor and a
 * table, each as a plane (what plane detection reports) and a triangle mesh (what hit tests
 * are cast against). Used by the AR emulator (?xr=emulate) and the AR e2e test.
 */
export interface SyntheticRoomOptions {
  /** Height of the table top above the floor (m). */
  tableHeight?: number;
  /** Centre of the table on the floor (x, z), m. */
  tableAt?: [number, number];
  /** Table top width (x) and depth (z), m. */
  tableSize?: [number, number];
}

type V3 = [number, number, number];

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

/** An axis-aligned box as 12 triangles, outward faces counter-clockwise. */
function boxMesh(min: V3, max: V3) {
  const [x0, y0, z0] = min, [x1, y1, z1] = max;
  const v = [
    [x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0],
    [x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1],
  ].flat();
  // prettier-ignore
  const i = [0,2,1, 0,3,2, 4,5,6, 4,6,7, 0,1,5, 0,5,4, 3,7,6, 3,6,2, 0,4,7, 0,7,3, 1,2,6, 1,6,5];
  return { vertices: base64(new Uint8Array(new Float32Array(v).buffer)), indices: base64(new Uint8Array(new Uint32Array(i).buffer)) };
}

const identity = { x: 0, y: 0, z: 0, w: 1 };

export function syntheticRoom(opts: SyntheticRoomOptions = {}) {
  const h = opts.tableHeight ?? 0.74;
  const [cx, cz] = opts.tableAt ?? [0, -0.8];
  const [w, d] = opts.tableSize ?? [1.4, 0.8];
  const entity = (uuid: string, label: string, position: V3, extra: object) => ({
    uuid,
    semanticLabel_META: label,
    locatable_META: { position: { x: position[0], y: position[1], z: position[2] }, orientation: identity },
    ...extra,
  });
  // Planes lie in their local x–z after the entity's pose; the module lays them on y = 0 of that pose.
  return {
    type: 'scene',
    version: 1,
    spatialEntities: [
      entity('vantage-floor-plane', 'FLOOR', [0, 0, 0], { bounded2D_META: { offset: { x: -3, y: -3 }, extent: { width: 6, height: 6 } } }),
      entity('vantage-floor-mesh', 'GLOBAL_MESH', [0, 0, 0], { triangleMesh_META: boxMesh([-3, -0.02, -3], [3, 0, 3]) }),
      entity('vantage-table-plane', 'TABLE', [cx, h, cz], { bounded2D_META: { offset: { x: -w / 2, y: -d / 2 }, extent: { width: w, height: d } } }),
      entity('vantage-table-mesh', 'TABLE', [cx, 0, cz], { triangleMesh_META: boxMesh([-w / 2, h - 0.04, -d / 2], [w / 2, h, d / 2]) }),
    ],
  };
}
