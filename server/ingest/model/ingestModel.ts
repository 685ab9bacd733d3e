import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getBounds, type Document, type GLTF, type Material, type Texture, type TextureInfo } from '@gltf-transform/core';
import { cloneDocument, dedup, dequantize, meshopt, prune, simplify, weld } from '@gltf-transform/functions';
import { MeshoptEncoder, MeshoptSimplifier } from 'meshoptimizer';
import sharp from 'sharp';
import type { ExhibitModel } from '../../places/placeRecord.ts';
import { IngestError } from '../IngestError.ts';
import { bakePrimitives } from './bakePrimitives.ts';
import { buildUsda, type UsdTextures } from './buildUsda.ts';
import { createModelIO } from './createModelIO.ts';
import { MODEL_LIMITS } from './modelLimits.ts';
import { packUsdz } from './packUsdz.ts';
import { DESKTOP_TEXTURE_MAX, processTextures, type TextureRendition } from './processTextures.ts';
import { renderPoster } from './renderPoster.ts';
import { validateModel } from './validateModel.ts';

export type IngestedModel = Omit<ExhibitModel, 'rev'> & { triangles: number };

/** Above this many triangles the phone rendition is simplified towards it. */
export const PHONE_TRIANGLES = 150_000;
/** A phone rendition is kept only when it is at most this fraction of the desktop one. */
const PHONE_MAX_RATIO = 0.8;
const POSTER_SIZE = 512;
/** Instances past this many triangles are left out of the USDZ (Quick Look on a phone would struggle anyway). */
const USDZ_MAX_TRIANGLES = 1_000_000;
/** The poster is drawn at twice its size and scaled down: cheap anti-aliasing. */
const POSTER_SUPERSAMPLE = 2;

/**
 * Validates and optimises an uploaded glTF/GLB into `outDir`: model.glb (meshopt geometry, WebP
 * textures ≤ 2048 px), model-phone.glb (textures ≤ 1024 px, simplified above PHONE_TRIANGLES;
 * written only when meaningfully lighter), model.usdz (iOS Quick Look) and poster.webp (512 px,
 * drawn on the CPU). Draco, meshopt and KTX2 inputs are decoded. A refused file rejects with an
 * IngestError before anything is written; outDir is created only once every output is ready.
 */
export async function ingestModel(bytes: Uint8Array, fileName: string, outDir: string, opts: { onProgress?: (fraction: number) => void } = {}): Promise<IngestedModel> {
  const progress = opts.onProgress ?? (() => {});
  const model = await validateModel(bytes, fileName);
  const { label } = model;
  progress(0.05);

  const io = await createModelIO();
  let doc: Document;
  try {
    doc = model.format === 'glb' ? await io.readBinary(bytes) : await io.readJSON({ json: model.json as unknown as GLTF.IGLTF, resources: model.resources as Record<string, Uint8Array<ArrayBuffer>> });
  } catch (cause) {
    throw new IngestError('corrupt', `Vantage: ${label} could not be decoded (its compressed geometry or textures are damaged) — re-export it from your 3D tool.`, { cause });
  }
  checkDecoded(doc, label);
  // The inputs' compression is undone on read; the outputs are compressed afresh below.
  for (const ext of doc.getRoot().listExtensionsUsed()) {
    if (ext.extensionName === 'KHR_draco_mesh_compression' || ext.extensionName === 'EXT_meshopt_compression') ext.dispose();
  }
  progress(0.15);

  // Already-quantised inputs (gltfpack's) go back to floats first: re-quantising integer positions collapses them.
  await doc.transform(dequantize(), dedup(), prune(), weld());
  progress(0.25);
  const renditions = await processTextures(doc, label, (done, total) => progress(0.25 + (0.3 * done) / total));

  const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
  const box = scene && getBounds(scene);
  if (!box || ![...box.min, ...box.max].every(Number.isFinite)) {
    throw new IngestError('corrupt', `Vantage: ${label} has no geometry to show — export the scene with its meshes.`);
  }
  const bounds: IngestedModel['bounds'] = { min: [box.min[0], box.min[1], box.min[2]], max: [box.max[0], box.max[1], box.max[2]] };
  const triangles = countTriangles(doc);

  // Phone: smaller textures, and fewer triangles when the model is heavy.
  let phoneDoc: Document | undefined;
  if (renditions.some((r) => r.phone) || triangles > PHONE_TRIANGLES) {
    phoneDoc = cloneDocument(doc);
    const phoneTextures = phoneDoc.getRoot().listTextures();
    phoneTextures.forEach((t, i) => {
      const phone = renditions[i]?.phone;
      if (phone) t.setImage(phone);
    });
    if (triangles > PHONE_TRIANGLES) {
      await MeshoptSimplifier.ready;
      const ratio = Math.max(0.1, PHONE_TRIANGLES / triangles);
      await phoneDoc.transform(simplify({ simplifier: MeshoptSimplifier, ratio, error: 0.005 }), prune());
      // Dense detail can stop the careful pass early; a phone still needs the budget, so allow more error once.
      const left = countTriangles(phoneDoc);
      if (left > PHONE_TRIANGLES * 1.5) await phoneDoc.transform(simplify({ simplifier: MeshoptSimplifier, ratio: Math.max(0.1, PHONE_TRIANGLES / left), error: 0.03 }), prune());
    }
  }
  progress(0.6);

  const poster = await drawPoster(doc, bounds, renditions);
  progress(0.7);
  const usdz = buildUsdz(phoneDoc ?? doc, renditions);
  progress(0.8);

  await MeshoptEncoder.ready;
  await doc.transform(meshopt({ encoder: MeshoptEncoder, level: 'high' }));
  let glb: Uint8Array = await io.writeBinary(doc);
  // An upload that was already packed tighter (gltfpack's, say) and has no oversized texture is served as it came: never heavier.
  if (glb.length > bytes.length && model.format === 'glb' && model.images.every((i) => Math.max(i.width, i.height) <= DESKTOP_TEXTURE_MAX)) glb = bytes;
  let phoneGlb: Uint8Array | undefined;
  if (phoneDoc) {
    await phoneDoc.transform(meshopt({ encoder: MeshoptEncoder, level: 'high' }));
    phoneGlb = await io.writeBinary(phoneDoc);
    if (phoneGlb.length > glb.length * PHONE_MAX_RATIO) phoneGlb = undefined;
  }
  progress(0.95);

  const files: [string, Uint8Array][] = [['model.glb', glb], ['model.usdz', usdz], ['poster.webp', poster]];
  if (phoneGlb) files.push(['model-phone.glb', phoneGlb]);
  await writeAll(outDir, files);
  progress(1);
  return {
    glb: 'model.glb',
    ...(phoneGlb && { phone: 'model-phone.glb' as const, phoneBytes: phoneGlb.length }),
    usdz: 'model.usdz',
    poster: 'poster.webp',
    bytes: glb.length,
    bounds,
    triangles,
  };
}

/** Draco streams may decode to more than their header promised; the limits hold on what came out. */
function checkDecoded(doc: Document, label: string): void {
  let vertices = 0;
  for (const mesh of doc.getRoot().listMeshes()) for (const prim of mesh.listPrimitives()) vertices += prim.getAttribute('POSITION')?.getCount() ?? 0;
  if (vertices > MODEL_LIMITS.maxVertices) {
    throw new IngestError('too-large', `Vantage: ${label} unpacks to ${vertices.toLocaleString('en')} vertices, more than the ${MODEL_LIMITS.maxVertices.toLocaleString('en')} Vantage accepts — simplify the model and upload it again.`);
  }
}

function countTriangles(doc: Document): number {
  let triangles = 0;
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const prim of mesh.listPrimitives()) {
      if (prim.getMode() !== 4) continue;
      triangles += Math.floor((prim.getIndices()?.getCount() ?? prim.getAttribute('POSITION')?.getCount() ?? 0) / 3);
    }
  }
  return triangles;
}

async function drawPoster(doc: Document, bounds: IngestedModel['bounds'], renditions: TextureRendition[]): Promise<Uint8Array> {
  const textures = doc.getRoot().listTextures();
  const size = POSTER_SIZE * POSTER_SUPERSAMPLE;
  const rgba = renderPoster(
    {
      primitives: bakePrimitives(doc),
      bounds,
      thumbOf: (p) => {
        const t = p.material?.getBaseColorTexture();
        return t ? renditions[textures.indexOf(t)]?.thumb : undefined;
      },
    },
    size,
  );
  const webp = await sharp(rgba, { raw: { width: size, height: size, channels: 4 } }).resize(POSTER_SIZE, POSTER_SIZE).webp({ quality: 85, alphaQuality: 90 }).toBuffer();
  return new Uint8Array(webp);
}

function buildUsdz(doc: Document, renditions: TextureRendition[]): Uint8Array {
  const textures = doc.getRoot().listTextures();
  const packed = new Map<number, { name: string; data: Uint8Array }>();
  // Only pictures read through TEXCOORD_0: the USD meshes carry that one set as `st`.
  const fileOf = (texture: Texture | null, info: TextureInfo | null): string | undefined => {
    const index = texture && info?.getTexCoord() === 0 ? textures.indexOf(texture) : -1;
    const usd = renditions[index]?.usd;
    if (!usd) return undefined;
    if (!packed.has(index)) packed.set(index, { name: `textures/t${index}.${usd.ext}`, data: usd.bytes });
    return packed.get(index)!.name;
  };
  const texturesOf = (m: Material): UsdTextures => ({
    baseColor: fileOf(m.getBaseColorTexture(), m.getBaseColorTextureInfo()),
    metallicRoughness: fileOf(m.getMetallicRoughnessTexture(), m.getMetallicRoughnessTextureInfo()),
    normal: fileOf(m.getNormalTexture(), m.getNormalTextureInfo()),
    occlusion: fileOf(m.getOcclusionTexture(), m.getOcclusionTextureInfo()),
    emissive: fileOf(m.getEmissiveTexture(), m.getEmissiveTextureInfo()),
  });
  // USDA is text (~70 bytes a triangle): many instances of a heavy mesh would make a string V8 cannot hold.
  const usda = buildUsda({ primitives: bakePrimitives(doc, USDZ_MAX_TRIANGLES), texturesOf });
  return packUsdz([{ name: 'model.usda', data: new TextEncoder().encode(usda) }, ...packed.values()]);
}

/** Writes every output, or — if a write fails — removes what it wrote, so outDir never holds half a model. */
async function writeAll(outDir: string, files: [string, Uint8Array][]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  try {
    await Promise.all(files.map(([name, data]) => writeFile(path.join(outDir, name), data)));
    // A re-ingest into the same folder must not leave an earlier phone copy beside a model that has none.
    if (!files.some(([name]) => name === 'model-phone.glb')) await rm(path.join(outDir, 'model-phone.glb'), { force: true });
  } catch (err) {
    await Promise.all(files.map(([name]) => rm(path.join(outDir, name), { force: true })));
    throw err;
  }
}
