import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBounds } from '@gltf-transform/core';
import { validateBytes } from 'gltf-validator';
import sharp from 'sharp';
import { Box3, type Mesh } from 'three';
import { USDLoader } from 'three/examples/jsm/loaders/USDLoader.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createModelIO } from '../../../../server/ingest/model/createModelIO.ts';
import { exhibitModelSchema } from '../../../../server/places/placeRecord.ts';
import { PHONE_TRIANGLES, ingestModel, type IngestedModel } from '../../../../server/ingest/model/ingestModel.ts';
import { JET, PIRATE, bumpySphereGlb, jsonBytes, paintedPairGltf, readFixture, readZipEntries, triangleGltf, unpackGlb } from './modelFixtures.ts';

let root: string;
const runs: Record<string, { input: Uint8Array; outDir: string; result: IngestedModel; progress: number[] }> = {};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vantage-model-ingest-'));
  // The pirate with its meshopt compression undone but its quantised (integer) positions kept:
  // our own re-encoding must be used for it, and must put every vertex back where it was.
  const io = await createModelIO();
  const unpacked = await io.readBinary(readFixture(PIRATE));
  for (const ext of unpacked.getRoot().listExtensionsUsed()) if (ext.extensionName === 'EXT_meshopt_compression') ext.dispose();
  // A .gltf whose texture is an embedded PNG with no mimeType: a checker of two greens (a solid one
  // would rightly be folded into the base colour factor by prune) under a white base colour factor.
  const textured = triangleGltf({ uvs: true });
  const checker = Buffer.alloc(64 * 64 * 3).map((_, i) => {
    const px = Math.floor(i / 3), odd = (Math.floor(px / 64 / 8) + Math.floor((px % 64) / 8)) % 2;
    return [[0x1c, 0x9c, 0x3c], [0x30, 0xc8, 0x50]][odd][i % 3];
  });
  const green = await sharp(checker, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
  textured.images = [{ uri: `data:image/png;base64,${green.toString('base64')}` }];
  textured.textures = [{ source: 0 }];
  textured.materials[0].pbrMetallicRoughness = { baseColorTexture: { index: 0 }, metallicFactor: 0 };
  const inputs: [string, Uint8Array][] = [
    ['textured', jsonBytes(textured)],
    ['painted', jsonBytes(paintedPairGltf())],
    ['pirate', readFixture(PIRATE)],
    ['pirate-unpacked', await io.writeBinary(unpacked)],
    ['jet', readFixture(JET)],
    ['triangle', jsonBytes(triangleGltf())],
  ];
  for (const [name, input] of inputs) {
    const outDir = join(root, name);
    const progress: number[] = [];
    const result = await ingestModel(input, `${name}.${['triangle', 'textured', 'painted'].includes(name) ? 'gltf' : 'glb'}`, outDir, { onProgress: (f) => progress.push(f) });
    runs[name] = { input, outDir, result, progress };
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Fraction of the poster's pixels the model covers (the background is transparent). */
async function posterCoverage(file: string): Promise<{ covered: number; width: number; height: number; lumaSpread: number }> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let covered = 0;
  const lumas: number[] = [];
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 128) {
      covered++;
      lumas.push(0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]);
    }
  }
  lumas.sort((a, b) => a - b);
  const spread = lumas.length ? lumas[Math.floor(lumas.length * 0.95)] - lumas[Math.floor(lumas.length * 0.05)] : 0;
  return { covered: covered / (info.width * info.height), width: info.width, height: info.height, lumaSpread: spread };
}

describe.each(['pirate', 'pirate-unpacked', 'jet', 'triangle', 'textured', 'painted'])('ingestModel: %s', (name) => {
  it('writes a desktop GLB that the Khronos validator passes, smaller than the upload, with the bounds it reports', async () => {
    const { input, outDir, result } = runs[name];
    const glb = new Uint8Array(await readFile(join(outDir, 'model.glb')));
    expect(result.bytes).toBe(glb.length);
    const report = await validateBytes(glb, { maxIssues: 20 });
    expect(report.issues.messages.filter((m) => m.severity === 0)).toEqual([]);
    // The hand-made triangles are tiny JSON; as GLBs with meshopt framing they may grow by a few hundred bytes.
    if (!['triangle', 'textured', 'painted'].includes(name)) expect(glb.length).toBeLessThanOrEqual(input.length);
    // gltfpack packed the pirate tighter than a re-encode can, so it is served exactly as uploaded.
    if (name === 'pirate') expect(Buffer.compare(glb, input)).toBe(0);
    else expect(Buffer.compare(glb, input)).not.toBe(0);
    const { json } = unpackGlb(glb);
    expect(json.extensionsUsed).toContain('EXT_meshopt_compression');
    expect(json.extensionsUsed ?? []).not.toContain('KHR_draco_mesh_compression');
    // The written model, read back, sits where the reported bounds say (quantisation moved nothing).
    const doc = await (await createModelIO()).readBinary(glb);
    const box = getBounds(doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0]);
    const size = Math.max(...result.bounds.max.map((v, i) => v - result.bounds.min[i]));
    for (let i = 0; i < 3; i++) {
      expect(result.bounds.min[i]).toBeLessThanOrEqual(result.bounds.max[i]);
      expect(Math.abs(box.min[i] - result.bounds.min[i])).toBeLessThan(size * 0.01);
      expect(Math.abs(box.max[i] - result.bounds.max[i])).toBeLessThan(size * 0.01);
    }
  });

  it('draws a poster with the model in it', async () => {
    const { covered, width, height, lumaSpread } = await posterCoverage(join(runs[name].outDir, 'poster.webp'));
    expect([width, height]).toEqual([512, 512]);
    expect(covered).toBeGreaterThan(0.05);
    expect(covered).toBeLessThan(0.95);
    // Shaded, not a flat cut-out (a single triangle is flat by nature).
    if (!['triangle', 'textured', 'painted'].includes(name)) expect(lumaSpread).toBeGreaterThan(25);
  });

  it('packs a USDZ Quick Look can open: the .usda first, every file stored at a 64-byte boundary, the meshes declared', async () => {
    const zip = new Uint8Array(await readFile(join(runs[name].outDir, 'model.usdz')));
    const entries = readZipEntries(zip);
    expect(entries[0].name).toBe('model.usda');
    for (const e of entries) {
      expect(e.method).toBe(0);
      expect(e.dataOffset % 64).toBe(0);
    }
    const usda = new TextDecoder().decode(entries[0].data);
    expect(usda.startsWith('#usda 1.0')).toBe(true);
    expect(usda).toContain('upAxis = "Y"');
    expect(usda).toContain('metersPerUnit = 1');
    const meshes = usda.match(/def Mesh "/g) ?? [];
    expect(meshes.length).toBeGreaterThan(0);
    expect(usda.match(/point3f\[\] points = \[\(/g)?.length).toBe(meshes.length);
    expect(usda.match(/int\[\] faceVertexIndices = \[\d/g)?.length).toBe(meshes.length);
    expect(usda).toContain('info:id = "UsdPreviewSurface"');
    // Every texture the layer names is in the package and decodes.
    for (const [, file] of usda.matchAll(/asset inputs:file = @([^@]+)@/g)) {
      const entry = entries.find((e) => e.name === file);
      expect(entry, file).toBeDefined();
      expect((await sharp(entry!.data).metadata()).width).toBeGreaterThan(0);
    }
  });

  it('writes a USDZ an independent USD reader (three.js USDLoader) opens: the same meshes, where the model is', async () => {
    const { outDir, result } = runs[name];
    const zip = await readFile(join(outDir, 'model.usdz'));
    const usda = new TextDecoder().decode(readZipEntries(new Uint8Array(zip))[0].data);
    // The loader hands textures to an <img> (browser only); in Node that image simply never loads.
    vi.stubGlobal('document', { createElementNS: () => ({ addEventListener() {}, removeEventListener() {}, src: '' }) });
    const group = new USDLoader().parse(zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength));
    vi.unstubAllGlobals();
    const meshes: Mesh[] = [];
    group.traverse((o) => {
      if ((o as Mesh).isMesh) meshes.push(o as Mesh);
    });
    expect(meshes.length).toBe(usda.match(/def Mesh "/g)!.length);
    const corners = usda.match(/int\[\] faceVertexIndices = \[[^\]]*\]/g)!.reduce((n, line) => n + line.split(',').length, 0);
    expect(meshes.reduce((n, m) => n + m.geometry.attributes.position.count, 0)).toBe(corners);
    const box = new Box3().setFromObject(group);
    const size = Math.max(...result.bounds.max.map((v, i) => v - result.bounds.min[i]));
    expect(box.min.toArray().map((v, i) => Math.abs(v - result.bounds.min[i]) < size * 0.01)).toEqual([true, true, true]);
    expect(box.max.toArray().map((v, i) => Math.abs(v - result.bounds.max[i]) < size * 0.01)).toEqual([true, true, true]);
    const maps = (key: string) => meshes.some((m) => (m.material as unknown as Record<string, unknown>)[key]);
    if (name === 'jet' || name === 'textured') expect(maps('map')).toBe(true);
    // The jet's normal and metal-roughness pictures reach Quick Look too.
    if (name === 'jet') expect([maps('normalMap'), maps('roughnessMap'), maps('metalnessMap')]).toEqual([true, true, true]);
  });

  it('returns what the exhibit record stores (plus the triangle count)', () => {
    const { result } = runs[name];
    const { triangles, ...model } = result;
    expect(exhibitModelSchema.parse({ ...model, rev: 'test1234' })).toEqual({ ...model, rev: 'test1234' });
    expect(triangles).toBeGreaterThan(0);
  });

  it('reports progress from start to finish', () => {
    const { progress } = runs[name];
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe('ingestModel: renditions', () => {
  it('turns the jet\'s Draco geometry and 4096 px KTX2 textures into meshopt + 2048 px WebP, and a lighter phone copy with 1024 px textures', async () => {
    const { outDir, result } = runs.jet;
    const io = await createModelIO();
    const desktop = await io.readBinary(new Uint8Array(await readFile(join(outDir, 'model.glb'))));
    const desktopSizes = await Promise.all(desktop.getRoot().listTextures().map((t) => { expect(t.getMimeType()).toBe('image/webp'); return t.getSize(); }));
    expect(desktopSizes).toEqual([[2048, 2048], [2048, 2048], [2048, 2048]]);
    expect(result.phone).toBe('model-phone.glb');
    const phoneBytes = (await stat(join(outDir, 'model-phone.glb'))).size;
    expect(result.phoneBytes).toBe(phoneBytes);
    expect(phoneBytes).toBeLessThan(result.bytes * 0.8);
    const phone = await io.readBinary(new Uint8Array(await readFile(join(outDir, 'model-phone.glb'))));
    expect(phone.getRoot().listTextures().map((t) => t.getSize())).toEqual([[1024, 1024], [1024, 1024], [1024, 1024]]);
    const report = await validateBytes(new Uint8Array(await readFile(join(outDir, 'model-phone.glb'))));
    expect(report.issues.numErrors).toBe(0);
    expect(result.triangles).toBe(36446);
    // The airframe's base colour went into the USDZ as a picture, not just a colour.
    const usda = new TextDecoder().decode(readZipEntries(new Uint8Array(await readFile(join(outDir, 'model.usdz'))))[0].data);
    expect(usda).toMatch(/asset inputs:file = @textures\/t\d+\.(jpg|png)@/);
  });

  it('paints the poster with the texture\'s colour (an embedded PNG named by no mimeType)', async () => {
    const { data } = await sharp(join(runs.textured.outDir, 'poster.webp')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let green = 0, covered = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 128) continue;
      covered++;
      if (data[i + 1] > data[i] + 30 && data[i + 1] > data[i + 2] + 30) green++;
    }
    expect(green / covered).toBeGreaterThan(0.9);
    const glb = await (await createModelIO()).readBinary(new Uint8Array(await readFile(join(runs.textured.outDir, 'model.glb'))));
    expect(glb.getRoot().listTextures().map((t) => t.getMimeType())).toEqual(['image/webp']);
  });

  it('keeps vertex colours for Quick Look (which ignores them under a material) as one tinted material per colour', async () => {
    const zip = await readFile(join(runs.painted.outDir, 'model.usdz'));
    vi.stubGlobal('document', { createElementNS: () => ({ addEventListener() {}, removeEventListener() {}, src: '' }) });
    const group = new USDLoader().parse(zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength));
    vi.unstubAllGlobals();
    const colours: string[] = [];
    group.traverse((o) => {
      const m = o as Mesh;
      if (m.isMesh) for (const mat of [m.material].flat()) colours.push((mat as unknown as { color: { getHex(): number } }).color.getHex().toString(16).padStart(6, '0'));
    });
    expect(colours.sort()).toEqual(['0000ff', 'ff0000']);
    // And the poster shows both.
    const { data } = await sharp(join(runs.painted.outDir, 'poster.webp')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    let red = 0, blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 128) continue;
      if (data[i] > 120 && data[i + 2] < 60) red++;
      if (data[i + 2] > 120 && data[i] < 60) blue++;
    }
    expect(red).toBeGreaterThan(2000);
    expect(blue).toBeGreaterThan(2000);
  });

  it('makes no phone copy of a light, untextured model', () => {
    const { outDir, result } = runs.pirate;
    expect(result.phone).toBeUndefined();
    expect(existsSync(join(outDir, 'model-phone.glb'))).toBe(false);
    expect(result.triangles).toBe(5010);
  });

  it('reports bounds in the model\'s own units: a person-sized pirate, a jet about 14 m long', () => {
    const size = (r: IngestedModel) => r.bounds.max.map((v, i) => v - r.bounds.min[i]);
    const [, pirateHeight] = size(runs.pirate.result);
    expect(pirateHeight).toBeGreaterThan(1.5);
    expect(pirateHeight).toBeLessThan(2.2);
    expect(Math.max(...size(runs.jet.result))).toBeGreaterThan(12);
    expect(Math.max(...size(runs.jet.result))).toBeLessThan(17);
    expect(runs.triangle.result.bounds).toEqual({ min: [0, 0, 0], max: [1, 1, 0] });
  });
});

describe('ingestModel: a heavy model', () => {
  it('gets a simplified phone copy near the phone budget, and the USDZ is built from it', async () => {
    const input = await bumpySphereGlb(400);
    const outDir = join(root, 'sphere');
    const result = await ingestModel(input, 'sphere.glb', outDir);
    expect(result.triangles).toBe(320_000);
    expect(result.phone).toBe('model-phone.glb');
    expect(result.phoneBytes!).toBeLessThan(result.bytes * 0.8);
    const phone = await (await createModelIO()).readBinary(new Uint8Array(await readFile(join(outDir, 'model-phone.glb'))));
    const phoneTriangles = phone.getRoot().listMeshes()[0].listPrimitives()[0].getIndices()!.getCount() / 3;
    expect(phoneTriangles).toBeLessThanOrEqual(PHONE_TRIANGLES * 1.5);
    expect(phoneTriangles).toBeGreaterThan(PHONE_TRIANGLES * 0.5);
    const usda = new TextDecoder().decode(readZipEntries(new Uint8Array(await readFile(join(outDir, 'model.usdz'))))[0].data);
    const faces = usda.match(/int\[\] faceVertexIndices = \[([^\]]*)\]/)![1].split(',').length / 3;
    expect(faces).toBe(phoneTriangles);
    const { covered } = await posterCoverage(join(outDir, 'poster.webp'));
    // A sphere framed with a margin covers about π/4 of the square's 88 %².
    expect(covered).toBeGreaterThan(0.5);
    expect(covered).toBeLessThan(0.7);
  });
});
