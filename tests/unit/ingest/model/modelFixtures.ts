import { readFileSync } from 'node:fs';
import { Document } from '@gltf-transform/core';
import { createModelIO } from '../../../../server/ingest/model/createModelIO.ts';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PIRATE = resolve(here, '../../../fixtures/models/meshoptimizer_pirate.glb');
export const JET = resolve(here, '../../../fixtures/models/playcanvas_jet-fighter.glb');

export function readFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

type Json = Record<string, any>;

/**
 * One red triangle as self-contained glTF JSON (its buffer a base64 data: URI), with UVs when
 * asked; the tests bend it into hostile shapes.
 */
export function triangleGltf(opts: { uvs?: boolean } = {}): Json {
  const bin = Buffer.alloc(36 + 24 + 8);
  new Float32Array(bin.buffer, 0, 9).set([0, 0, 0, 1, 0, 0, 0, 1, 0]);
  new Float32Array(bin.buffer, 36, 6).set([0, 1, 1, 1, 0, 0]);
  new Uint16Array(bin.buffer, 60, 3).set([0, 1, 2]);
  const json: Json = {
    asset: { version: '2.0', generator: 'vantage test' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, material: 0 }] }],
    materials: [{ pbrMetallicRoughness: { baseColorFactor: [0.8, 0.1, 0.1, 1], metallicFactor: 0 } }],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] },
      { bufferView: 2, componentType: 5123, count: 3, type: 'SCALAR' },
    ],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: 36, target: 34962 },
      { buffer: 0, byteOffset: 36, byteLength: 24, target: 34962 },
      { buffer: 0, byteOffset: 60, byteLength: 6, target: 34963 },
    ],
    buffers: [{ byteLength: bin.length, uri: `data:application/octet-stream;base64,${bin.toString('base64')}` }],
  };
  if (opts.uvs) {
    json.accessors.push({ bufferView: 1, componentType: 5126, count: 3, type: 'VEC2' });
    json.meshes[0].primitives[0].attributes.TEXCOORD_0 = 2;
  } else {
    json.bufferViews[1] = { buffer: 0, byteOffset: 60, byteLength: 6, target: 34963 };
    json.accessors[1].bufferView = 1;
    json.bufferViews.pop();
  }
  return json;
}

export function jsonBytes(json: Json): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(json));
}

/** Packs JSON (and an optional BIN chunk) as a GLB, padding chunks as the spec says. */
export function packGlb(json: Json, bin?: Uint8Array): Uint8Array {
  const pad = (b: Uint8Array, fill: number) => {
    const out = new Uint8Array(Math.ceil(b.length / 4) * 4).fill(fill);
    out.set(b);
    return out;
  };
  const jsonChunk = pad(jsonBytes(json), 0x20);
  const binChunk = bin && pad(bin, 0);
  const total = 12 + 8 + jsonChunk.length + (binChunk ? 8 + binChunk.length : 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonChunk.length, true);
  view.setUint32(16, 0x4e4f534a, true);
  out.set(jsonChunk, 20);
  if (binChunk) {
    const at = 20 + jsonChunk.length;
    view.setUint32(at, binChunk.length, true);
    view.setUint32(at + 4, 0x004e4942, true);
    out.set(binChunk, at + 8);
  }
  return out;
}

/** A GLB's JSON and BIN chunk, to edit and repack. */
export function unpackGlb(glb: Uint8Array): { json: Json; bin?: Uint8Array } {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Json;
  const at = 20 + jsonLength;
  return { json, bin: at + 8 <= glb.length ? glb.slice(at + 8, at + 8 + view.getUint32(at, true)) : undefined };
}

/** The entries of a zip as laid out on disk (local headers, in order). */
export function readZipEntries(zip: Uint8Array): { name: string; method: number; dataOffset: number; size: number; data: Uint8Array }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries = [];
  let at = 0;
  while (at + 30 <= zip.length && view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    const dataOffset = at + 30 + nameLength + extraLength;
    entries.push({ name, method, dataOffset, size, data: zip.subarray(dataOffset, dataOffset + size) });
    at = dataOffset + size;
  }
  return entries;
}

/**
 * A bumpy sphere of 2·n² triangles with normals, as GLB (no textures): heavy geometry made in
 * the test, for the phone rendition's simplification.
 */
export async function bumpySphereGlb(n: number): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const positions = new Float32Array((n + 1) * (n + 1) * 3);
  const normals = new Float32Array(positions.length);
  for (let j = 0; j <= n; j++) {
    for (let i = 0; i <= n; i++) {
      const k = (j * (n + 1) + i) * 3, th = (i / n) * Math.PI * 2, ph = (j / n) * Math.PI;
      const r = 1 + 0.05 * Math.sin(th * 12) * Math.sin(ph * 9);
      const d = [Math.sin(ph) * Math.cos(th), Math.cos(ph), Math.sin(ph) * Math.sin(th)];
      positions.set(d.map((v) => v * r), k);
      normals.set(d, k);
    }
  }
  const indices = new Uint32Array(n * n * 6);
  for (let j = 0, o = 0; j < n; j++) {
    for (let i = 0; i < n; i++, o += 6) {
      const a = j * (n + 1) + i, c = a + n + 1;
      indices.set([a, c, a + 1, a + 1, c, c + 1], o);
    }
  }
  const prim = doc
    .createPrimitive()
    .setMaterial(doc.createMaterial().setBaseColorFactor([0.7, 0.55, 0.3, 1]))
    .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(positions).setBuffer(buffer))
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(normals).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer));
  doc.createScene().addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(prim)));
  return (await createModelIO()).writeBinary(doc);
}

/** Two triangles side by side painted by vertex colour only (red, blue), under a white material. */
export function paintedPairGltf(): Json {
  const positions = [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0];
  const colours = [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1];
  const bin = Buffer.alloc(144);
  new Float32Array(bin.buffer, 0, 18).set(positions);
  new Float32Array(bin.buffer, 72, 18).set(colours);
  return {
    asset: { version: '2.0', generator: 'vantage test' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0, COLOR_0: 1 }, material: 0 }] }],
    materials: [{ pbrMetallicRoughness: { metallicFactor: 0 } }],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 6, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] },
      { bufferView: 1, componentType: 5126, count: 6, type: 'VEC3' },
    ],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: 72, target: 34962 },
      { buffer: 0, byteOffset: 72, byteLength: 72, target: 34962 },
    ],
    buffers: [{ byteLength: 144, uri: `data:application/octet-stream;base64,${bin.toString('base64')}` }],
  };
}
