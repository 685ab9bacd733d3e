import type { Document, Material, Node } from '@gltf-transform/core';
import type { MeshBuilder } from './MeshBuilder.ts';

/**
 * Turns a MeshBuilder into a glTF mesh and a node of the same name (the name an era or an
 * info point refers to), with POSITION, NORMAL, COLOR_0 (unless `colors` is false: a textured
 * mesh needs none) and, when `uv`, TEXCOORD_0.
 */
export function addMeshNode(doc: Document, name: string, b: MeshBuilder, material: Material, opts: { uv?: boolean; colors?: boolean; translation?: [number, number, number] } = {}): Node {
  const buffer = doc.getRoot().listBuffers()[0] ?? doc.createBuffer();
  const accessor = (type: 'VEC2' | 'VEC3' | 'SCALAR', array: Float32Array | Uint16Array | Uint32Array) => doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array(b.positions)))
    .setAttribute('NORMAL', accessor('VEC3', b.normals()))
    .setIndices(accessor('SCALAR', b.vertexCount > 65535 ? new Uint32Array(b.indices) : new Uint16Array(b.indices)))
    .setMaterial(material);
  if (opts.colors !== false) prim.setAttribute('COLOR_0', accessor('VEC3', new Float32Array(b.colors)));
  if (opts.uv) prim.setAttribute('TEXCOORD_0', accessor('VEC2', new Float32Array(b.uvs)));
  const node = doc.createNode(name).setMesh(doc.createMesh(name).addPrimitive(prim));
  if (opts.translation) node.setTranslation(opts.translation);
  return node;
}
