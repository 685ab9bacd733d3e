import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The slice of the Basis Universal transcoder's embind API this file uses. */
interface Ktx2File {
  isValid(): boolean;
  getWidth(): number;
  getHeight(): number;
  getLevels(): number;
  getImageLevelInfo(level: number, layer: number, face: number): { origWidth: number; origHeight: number };
  getHasAlpha(): boolean;
  startTranscoding(): boolean;
  getImageTranscodedSizeInBytes(level: number, layer: number, face: number, format: number): number;
  transcodeImage(dst: Uint8Array, level: number, layer: number, face: number, format: number, getAlphaForOpaqueFormats: number, channel0: number, channel1: number): number;
  close(): void;
  delete(): void;
}
interface BasisModule {
  initializeBasis(): void;
  KTX2File: new (data: Uint8Array) => Ktx2File;
}

/** transcoder_texture_format::cTFRGBA32 */
const RGBA32 = 13;
let shared: Promise<BasisModule> | undefined;

/**
 * The Basis Universal transcoder three.js ships for its KTX2Loader, run in Node: the same
 * WebAssembly the browser uses, loaded from node_modules (never fetched). Its script is an
 * Emscripten CommonJS file inside an ES-module package, so it is evaluated with a CommonJS shim.
 */
function loadBasis(): Promise<BasisModule> {
  shared ??= (async () => {
    const require = createRequire(import.meta.url);
    const scriptPath = require.resolve('three/examples/jsm/libs/basis/basis_transcoder.js');
    const [source, wasmBinary] = await Promise.all([readFile(scriptPath, 'utf8'), readFile(scriptPath.replace(/\.js$/, '.wasm'))]);
    const module = { exports: {} as unknown };
    // The script assigns its factory to module.exports; it reads no other globals we do not pass.
    new Function('module', 'exports', 'require', '__dirname', '__filename', source)(module, module.exports, require, '/', scriptPath);
    const factory = module.exports as (arg: { wasmBinary: Uint8Array }) => Promise<BasisModule>;
    const basis = await factory({ wasmBinary: new Uint8Array(wasmBinary) });
    basis.initializeBasis();
    return basis;
  })();
  return shared;
}

/**
 * Decodes a KTX2 (Basis ETC1S or UASTC) texture to RGBA8 pixels, choosing the largest mip
 * level that fits within `maxSide` so a 4096 px texture wanted at 2048 px is never expanded in
 * full. Undefined when the file cannot be transcoded (HDR, or not Basis-compressed).
 */
export async function decodeKtx2(bytes: Uint8Array, maxSide: number): Promise<{ data: Uint8Array; width: number; height: number; hasAlpha: boolean } | undefined> {
  const basis = await loadBasis();
  const file = new basis.KTX2File(bytes);
  try {
    if (!file.isValid() || !file.startTranscoding()) return undefined;
    let level = 0;
    const levels = Math.max(1, file.getLevels());
    while (level + 1 < levels && Math.max(file.getWidth(), file.getHeight()) >> level > maxSide) level++;
    const { origWidth: width, origHeight: height } = file.getImageLevelInfo(level, 0, 0);
    const data = new Uint8Array(file.getImageTranscodedSizeInBytes(level, 0, 0, RGBA32));
    if (data.length !== width * height * 4) return undefined;
    if (!file.transcodeImage(data, level, 0, 0, RGBA32, 0, -1, -1)) return undefined;
    return { data, width, height, hasAlpha: file.getHasAlpha() };
  } finally {
    file.close();
    file.delete();
  }
}
