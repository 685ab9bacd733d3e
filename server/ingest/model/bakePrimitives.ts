import type { Document, Material, Scene } from '@gltf-transform/core';
import { readFloats } from './readFloats.ts';

/** One drawn triangle list with its node's transform applied: what the poster and the USDZ draw. */
export interface BakedPrimitive {
  /** World (model-space) positions, xyz per vertex. */
  positions: Float32Array;
  /** World normals, when the primitive has them. */
  normals?: Float32Array;
  /** TEXCOORD_0, uv per vertex (glTF: v down). */
  uvs?: Float32Array;
  /** COLOR_0 as linear rgb per vertex. */
  colors?: Float32Array;
  /** Counter-clockwise triangles (a mirroring transform's winding is already undone). */
  indices: Uint32Array;
  material: Material | null;
}

/**
 * Every triangle primitive reachable from the scene, placed by its node's world matrix. Lines,
 * points and morph/skin deformations are left out: the poster and Quick Look show the rest pose.
 * Stops adding instances after `maxTriangles` so a scene of many heavy instances stays bounded.
 */
export function bakePrimitives(doc: Document, maxTriangles = 5_000_000): BakedPrimitive[] {
  const scene: Scene | undefined = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
  const out: BakedPrimitive[] = [];
  let triangles = 0;
  scene?.traverse((node) => {
    const mesh = node.getMesh();
    if (!mesh) return;
    const m = node.getWorldMatrix();
    const normalMatrix = normalMatrixOf(m);
    const mirrored = determinant3(m) < 0;
    for (const prim of mesh.listPrimitives()) {
      const position = prim.getAttribute('POSITION');
      if (prim.getMode() !== 4 || !position) continue;
      const count = position.getCount();
      const indexArray = prim.getIndices()?.getArray();
      const indices = indexArray ? Uint32Array.from(indexArray) : Uint32Array.from({ length: count }, (_, i) => i);
      if (triangles + indices.length / 3 > maxTriangles) return;
      triangles += indices.length / 3;
      if (mirrored) for (let i = 0; i + 2 < indices.length; i += 3) [indices[i + 1], indices[i + 2]] = [indices[i + 2], indices[i + 1]];
      const local = readFloats(position);
      const positions = new Float32Array(count * 3);
      for (let i = 0; i < count; i++) {
        const x = local[i * 3], y = local[i * 3 + 1], z = local[i * 3 + 2];
        positions[i * 3] = m[0] * x + m[4] * y + m[8] * z + m[12];
        positions[i * 3 + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
        positions[i * 3 + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
      }
      const baked: BakedPrimitive = { positions, indices, material: prim.getMaterial() };
      const normal = prim.getAttribute('NORMAL');
      if (normal) {
        const n = readFloats(normal);
        const nm = normalMatrix;
        const normals = new Float32Array(count * 3);
        for (let i = 0; i < count; i++) {
          const x = n[i * 3], y = n[i * 3 + 1], z = n[i * 3 + 2];
          const wx = nm[0] * x + nm[3] * y + nm[6] * z, wy = nm[1] * x + nm[4] * y + nm[7] * z, wz = nm[2] * x + nm[5] * y + nm[8] * z;
          const len = Math.hypot(wx, wy, wz) || 1;
          normals[i * 3] = wx / len; normals[i * 3 + 1] = wy / len; normals[i * 3 + 2] = wz / len;
        }
        baked.normals = normals;
      }
      const uv = prim.getAttribute('TEXCOORD_0');
      if (uv && uv.getElementSize() === 2) baked.uvs = readFloats(uv);
      const color = prim.getAttribute('COLOR_0');
      if (color) {
        const c = readFloats(color);
        const size = color.getElementSize();
        const colors = new Float32Array(count * 3);
        for (let i = 0; i < count; i++) for (let k = 0; k < 3; k++) colors[i * 3 + k] = c[i * size + k];
        baked.colors = colors;
      }
      out.push(baked);
    }
  });
  return out;
}

/** Inverse transpose of the upper 3×3, column-major, for carrying normals. */
function normalMatrixOf(m: ArrayLike<number>): number[] {
  const [a, b, c, d, e, f, g, h, i] = [m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const D = -(b * i - c * h), E = a * i - c * g, F = -(a * h - b * g);
  const G = b * f - c * e, H = -(a * f - c * d), I = a * e - b * d;
  const det = a * A + b * B + c * C || 1;
  // Columns of the inverse transpose are the cofactor rows over det.
  return [A / det, B / det, C / det, D / det, E / det, F / det, G / det, H / det, I / det];
}

function determinant3(m: ArrayLike<number>): number {
  return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[4] * (m[1] * m[10] - m[2] * m[9]) + m[8] * (m[1] * m[6] - m[2] * m[5]);
}
