import { validateBytes } from 'gltf-validator';
import { IngestError } from '../IngestError.ts';
import { describeFile, describeUri } from './describeFile.ts';
import { MODEL_LIMITS } from './modelLimits.ts';
import { readDracoCounts } from './readDracoCounts.ts';
import { readImageSize, type ImageSize } from './readImageSize.ts';

/** The parts of glTF JSON the checks read; everything else is the validator's business. */
type Json = Record<string, unknown>;

export interface ValidatedModel {
  /** The name as quoted in messages. */
  label: string;
  format: 'glb' | 'gltf';
  /** The upload as given (for a GLB, what the toolkit reads). */
  bytes: Uint8Array;
  /** For a .gltf: its JSON with every data: URI moved into `resources` (so nothing is ever fetched). */
  json: Json;
  resources: Record<string, Uint8Array>;
  /** Declared totals: POSITION counts and triangles over every primitive. */
  vertices: number;
  triangles: number;
  images: ImageSize[];
  extensionsUsed: string[];
  /** Warnings the Khronos validator reported (errors refuse the file). */
  warnings: number;
}

const GLB_MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;
const L = MODEL_LIMITS;
/** Far beyond the ~1 s a 150 MB model takes; only a stuck validator reaches it. */
const VALIDATOR_DEADLINE_MS = 60_000;

/**
 * Checks an uploaded glTF 2.0 model (GLB, or .gltf JSON with only data: URIs) before anything
 * decodes it: the container, outside references, declared counts, texture headers and compressed
 * streams' declared output, then the Khronos validator. Refuses with an IngestError whose message
 * is one sentence naming the file and what to do.
 */
export async function validateModel(bytes: Uint8Array, fileName: string): Promise<ValidatedModel> {
  const label = describeFile(fileName);
  const { format, json, bin } = readContainer(bytes, label);
  const { resources, buffers, imageBytes } = collectBuffers(json, bin, format, label);
  const counts = checkStructure(json, buffers, label);
  const images = checkImages(json, buffers, imageBytes, label);
  const warnings = await runValidator(bytes, label);
  return { label, format, bytes, json, resources, ...counts, images, extensionsUsed: arr(json.extensionsUsed).filter((e): e is string => typeof e === 'string'), warnings };
}

function refuse(code: 'not-gltf' | 'corrupt' | 'too-large', sentence: string): never {
  throw new IngestError(code, `Vantage: ${sentence}`);
}

function readContainer(bytes: Uint8Array, label: string): { format: 'glb' | 'gltf'; json: Json; bin?: Uint8Array } {
  if (bytes.length === 0) refuse('not-gltf', `${label} is empty — upload the .glb or .gltf file your 3D tool exported.`);
  if (bytes.length > L.maxFileBytes) refuse('too-large', `${label} is ${mb(bytes.length)}, more than the ${mb(L.maxFileBytes)} a model may be — simplify it or shrink its textures, then upload it again.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0, true) === GLB_MAGIC) return { format: 'glb', ...readGlb(bytes, view, label) };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    refuse('not-gltf', `${label} is a ZIP archive, not a glTF model — unzip it and upload the .glb inside, or export one self-contained .glb.`);
  }
  // A .gltf is JSON: after an optional BOM and whitespace its first character is '{'.
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  const notGltf = `${label} is not a glTF 2.0 model — export it from your 3D tool as a binary glTF (.glb) and upload that.`;
  if (bytes[at] !== 0x7b) refuse('not-gltf', notGltf);
  const json = parseJson(bytes.subarray(at), label);
  return { format: 'gltf', json: checkAsset(json, label) };
}

function readGlb(bytes: Uint8Array, view: DataView, label: string): { json: Json; bin?: Uint8Array } {
  const cut = `${label} is cut short — upload the whole file again.`;
  if (bytes.length < 20) refuse('corrupt', cut);
  const version = view.getUint32(4, true);
  if (version !== 2) refuse('not-gltf', `${label} is a glTF ${version}.0 file and Vantage reads glTF 2.0 — re-export it as glTF 2.0 (.glb).`);
  const declared = view.getUint32(8, true);
  if (declared > bytes.length) refuse('corrupt', `${label} is cut short (${bytes.length} of ${declared} bytes) — upload the whole file again.`);
  if (declared !== bytes.length) refuse('corrupt', `${label} has bytes after its end — re-export it from your 3D tool.`);
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) refuse('corrupt', `${label} does not start with a JSON chunk — re-export it from your 3D tool.`);
  if (jsonLength > L.maxJsonBytes) refuse('too-large', `${label} has ${mb(jsonLength)} of JSON, more than ${mb(L.maxJsonBytes)} — simplify the scene (fewer nodes and meshes) and upload it again.`);
  if (20 + jsonLength > bytes.length) refuse('corrupt', cut);
  const json = checkAsset(parseJson(bytes.subarray(20, 20 + jsonLength), label), label);
  const binAt = 20 + jsonLength;
  if (binAt + 8 > bytes.length) return { json };
  const binLength = view.getUint32(binAt, true);
  if (view.getUint32(binAt + 4, true) !== CHUNK_BIN) return { json };
  if (binAt + 8 + binLength > bytes.length) refuse('corrupt', cut);
  return { json, bin: bytes.subarray(binAt + 8, binAt + 8 + binLength) };
}

function parseJson(bytes: Uint8Array, label: string): Json {
  // Deeply nested JSON overflows the stack of recursive readers (the validator hangs on it), so it never reaches them.
  if (jsonDepth(bytes) > L.maxJsonDepth) refuse('too-large', `${label} nests its JSON more than ${L.maxJsonDepth} levels deep — re-export it from your 3D tool.`);
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch {
    // Fall through to the one refusal below.
  }
  return refuse('corrupt', `${label} has broken glTF JSON — re-export it from your 3D tool.`);
}

function checkAsset(json: Json, label: string): Json {
  const asset = json.asset as Json | undefined;
  const version = typeof asset?.version === 'string' ? asset.version : '';
  if (!version.startsWith('2.')) refuse('not-gltf', `${label} is not a glTF 2.0 model — export it from your 3D tool as a binary glTF (.glb) and upload that.`);
  return json;
}

/** Every buffer's bytes (GLB chunk or decoded data: URI), refusing any URI that points outside the file. */
function collectBuffers(json: Json, bin: Uint8Array | undefined, format: 'glb' | 'gltf', label: string) {
  const resources: Record<string, Uint8Array> = {};
  const decodeUri = (owner: Json, keyOf: (data: Uint8Array) => string): Uint8Array | undefined => {
    const uri = owner.uri;
    if (uri === undefined) return undefined;
    if (typeof uri !== 'string') refuse('corrupt', `${label} has a URI that is not text — re-export it from your 3D tool.`);
    const comma = uri.indexOf(',');
    if (!/^data:/i.test(uri)) {
      const where = /^https?:/i.test(uri) ? 'a file on the internet' : /^file:/i.test(uri) ? 'a file on the server' : 'an outside file';
      refuse('not-gltf', `${label} refers to ${where} (${describeUri(uri)}) and Vantage only takes self-contained models — export it as one .glb with everything embedded.`);
    }
    if (comma < 0 || !/;base64$/i.test(uri.slice(0, comma))) refuse('corrupt', `${label} embeds data that is not base64 — re-export it as a .glb.`);
    const data = new Uint8Array(Buffer.from(uri.slice(comma + 1), 'base64'));
    // The toolkit reads the JSON copy, where the URI names this resource instead of carrying it.
    const key = keyOf(data);
    resources[key] = data;
    owner.uri = key;
    return data;
  };
  const buffers: (Uint8Array | undefined)[] = [];
  let declared = 0;
  arr(json.buffers).forEach((b, i) => {
    const buffer = obj(b);
    declared += num(buffer.byteLength);
    if (declared > L.maxBufferBytes) refuse('too-large', `${label} declares ${mb(declared)} of buffers, more than ${mb(L.maxBufferBytes)} — simplify the model and upload it again.`);
    const data = decodeUri(buffer, () => `buffer-${i}.bin`);
    buffers.push(data ?? (i === 0 && format === 'glb' ? bin : undefined));
  });
  // The toolkit tells an image's type by its name's extension when the JSON gives no mimeType.
  const extension = { png: 'png', jpeg: 'jpg', webp: 'webp', ktx2: 'ktx2' } as const;
  const imageBytes = arr(json.images).map((img, i) => decodeUri(obj(img), (data) => `image-${i}.${extension[readImageSize(data)?.format ?? 'png']}`));
  return { resources, buffers, imageBytes };
}

function checkStructure(json: Json, buffers: (Uint8Array | undefined)[], label: string): { vertices: number; triangles: number } {
  const tooMany = (what: string, n: number, max: number) => {
    if (n > max) refuse('too-large', `${label} has ${n.toLocaleString('en')} ${what}, more than the ${max.toLocaleString('en')} Vantage accepts — simplify the model and upload it again.`);
  };
  tooMany('nodes', arr(json.nodes).length, L.maxNodes);
  tooMany('meshes', arr(json.meshes).length, L.maxMeshes);
  tooMany('materials', arr(json.materials).length, L.maxMaterials);
  tooMany('accessors', arr(json.accessors).length, L.maxAccessors);
  tooMany('buffer views', arr(json.bufferViews).length, L.maxBufferViews);
  tooMany('animations', arr(json.animations).length, L.maxAnimations);
  tooMany('scenes', arr(json.scenes).length, L.maxScenes);
  tooMany('textures', arr(json.textures).length, L.maxTextures);
  tooMany('images', arr(json.images).length, L.maxImages);
  if (nodeDepth(json) > L.maxNodeDepth) refuse('too-large', `${label} nests its nodes more than ${L.maxNodeDepth} levels deep — flatten the hierarchy in your 3D tool and upload it again.`);

  const accessors = arr(json.accessors).map(obj);
  const bufferViews = arr(json.bufferViews).map(obj);
  const viewBytes = (index: unknown): Uint8Array | undefined => {
    const bv = bufferViews[num(index)];
    const data = bv && buffers[num(bv.buffer)];
    const start = num(bv?.byteOffset);
    const length = num(bv?.byteLength);
    return data && start + length <= data.length ? data.subarray(start, start + length) : undefined;
  };

  // meshopt: the decoder allocates count × byteStride per view, whatever the compressed size.
  let meshoptBytes = 0;
  for (const bv of bufferViews) {
    const ext = obj(obj(bv.extensions).EXT_meshopt_compression);
    if (!bv.extensions || !obj(bv.extensions).EXT_meshopt_compression) continue;
    if (!(num(ext.byteStride) >= 1 && num(ext.byteStride) <= 256)) refuse('corrupt', `${label} has a meshopt buffer view with an impossible stride — re-export it from your 3D tool.`);
    meshoptBytes += num(ext.count) * num(ext.byteStride);
    if (meshoptBytes > L.maxBufferBytes) refuse('too-large', `${label} unpacks to more than ${mb(L.maxBufferBytes)} of geometry — simplify the model and upload it again.`);
  }

  let vertices = 0;
  let triangles = 0;
  let primitives = 0;
  for (const m of arr(json.meshes)) {
    for (const p of arr(obj(m).primitives)) {
      const prim = obj(p);
      primitives++;
      const count = num(accessors[num(obj(prim.attributes).POSITION)]?.count);
      const indexCount = prim.indices === undefined ? count : num(accessors[num(prim.indices)]?.count);
      const mode = prim.mode === undefined ? 4 : num(prim.mode);
      vertices += count;
      triangles += mode === 4 ? Math.floor(indexCount / 3) : mode === 5 || mode === 6 ? Math.max(0, indexCount - 2) : 0;
      const draco = obj(obj(prim.extensions).KHR_draco_mesh_compression);
      if (draco.bufferView !== undefined) {
        // The stream's own header says what the decoder will allocate; it must agree with the limits too.
        const declared = readDracoCounts(viewBytes(draco.bufferView) ?? new Uint8Array());
        if (declared) {
          tooMany('vertices in one compressed mesh', declared.vertices, L.maxVertices);
          tooMany('triangles in one compressed mesh', declared.faces, L.maxTriangles);
        }
      }
    }
  }
  tooMany('primitives', primitives, L.maxPrimitives);
  tooMany('vertices', vertices, L.maxVertices);
  tooMany('triangles', triangles, L.maxTriangles);
  // Animation, skin and morph data are bounded here (vertex data by the totals above).
  for (const a of accessors) tooMany('values in one accessor', num(a.count), L.maxAccessorCount);
  return { vertices, triangles };
}

function checkImages(json: Json, buffers: (Uint8Array | undefined)[], imageBytes: (Uint8Array | undefined)[], label: string): ImageSize[] {
  const bufferViews = arr(json.bufferViews).map(obj);
  const sizes: ImageSize[] = [];
  let pixels = 0;
  for (const [i, img] of arr(json.images).entries()) {
    const image = obj(img);
    let data = imageBytes[i];
    if (!data && image.bufferView !== undefined) {
      const bv = bufferViews[num(image.bufferView)];
      const buffer = bv && buffers[num(bv.buffer)];
      const start = num(bv?.byteOffset);
      if (buffer && start + num(bv.byteLength) <= buffer.length) data = buffer.subarray(start, start + num(bv.byteLength));
    }
    if (!data) continue; // A dangling reference: the validator names it.
    const size = readImageSize(data);
    if (!size) refuse('corrupt', `${label} contains a texture that is not a PNG, JPEG, WebP or KTX2 image — re-export it with PNG or JPEG textures.`);
    if (size.width > L.maxTextureSide || size.height > L.maxTextureSide || size.width === 0 || size.height === 0) {
      refuse('too-large', `${label} has a ${size.width}×${size.height} texture, beyond the ${L.maxTextureSide} px Vantage accepts — resize its textures (2048 px is plenty) and upload it again.`);
    }
    pixels += size.width * size.height;
    if (pixels > L.maxTexturePixels) refuse('too-large', `${label} has more than ${L.maxTexturePixels / 1e6} megapixels of textures — resize them (2048 px is plenty) and upload it again.`);
    sizes.push(size);
  }
  return sizes;
}

async function runValidator(bytes: Uint8Array, label: string): Promise<number> {
  let report;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = Symbol('timeout');
  try {
    // The validator is compiled Dart: an internal failure can leave its promise unsettled, so it gets a deadline.
    const result = await Promise.race([
      validateBytes(bytes, {
        maxIssues: 20,
        // Belt and braces: outside URIs were refused above; the validator must never fetch one either.
        externalResourceFunction: () => Promise.reject(new Error('Vantage does not load outside resources')),
      }),
      new Promise<typeof timedOut>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), VALIDATOR_DEADLINE_MS);
      }),
    ]);
    if (result === timedOut) return refuse('corrupt', `${label} could not be checked by the glTF validator in time — re-export it from your 3D tool and upload it again.`);
    report = result;
  } catch {
    return refuse('not-gltf', `${label} is not a glTF 2.0 model — export it from your 3D tool as a binary glTF (.glb) and upload that.`);
  } finally {
    clearTimeout(timer);
  }
  const first = report.issues.messages.find((m) => m.severity === 0);
  if (report.issues.numErrors > 0) {
    const where = first ? ` (first: ${first.code}${first.pointer ? ` at ${first.pointer.replace(/[^\x20-\x7e]/g, '').slice(0, 60)}` : ''})` : '';
    refuse('corrupt', `${label} is not a valid glTF 2.0 file: the Khronos validator found ${report.issues.numErrors} error${report.issues.numErrors === 1 ? '' : 's'}${where} — re-export it from your 3D tool.`);
  }
  return report.issues.numWarnings;
}

/** Deepest nesting of arrays and objects, by one pass over the bytes (strings skipped). */
function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Longest chain of nested nodes, walked without recursion (cycles are the validator's to report). */
function nodeDepth(json: Json): number {
  const nodes = arr(json.nodes).map(obj);
  const isChild = new Uint8Array(nodes.length);
  for (const n of nodes) for (const c of arr(n.children)) if (num(c) < nodes.length) isChild[num(c)] = 1;
  const seen = new Uint8Array(nodes.length);
  let deepest = 0;
  for (let root = 0; root < nodes.length; root++) {
    if (isChild[root]) continue;
    const stack: [number, number][] = [[root, 1]];
    while (stack.length) {
      const [i, depth] = stack.pop()!;
      if (seen[i]) continue;
      seen[i] = 1;
      deepest = Math.max(deepest, depth);
      if (deepest > L.maxNodeDepth) return deepest;
      for (const c of arr(nodes[i].children)) if (num(c) < nodes.length) stack.push([num(c), depth + 1]);
    }
  }
  return deepest;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}
/**
 * A declared count or index: a huge number stays huge (so limits catch it), anything else that is
 * not a non-negative number reads as 0 (the validator reports it).
 */
function num(v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0)) return 0;
  return Number.isSafeInteger(v) ? v : v > Number.MAX_SAFE_INTEGER ? Infinity : Math.floor(v);
}
function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
