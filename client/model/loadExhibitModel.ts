import * as THREE from 'three';
import { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { disposeObject } from '../viewer/dollhouseModel.ts';
import { DRACO_PATH } from './decoderPaths.ts';
import { takeEarlyModel } from './earlyModel.ts';
import { ServedKTX2Loader } from './ServedKTX2Loader.ts';

export interface ExhibitModelData {
  /** The glTF scene, in model space (the space of the exhibit's bounds and info points). */
  root: THREE.Group;
  /** Frees every geometry, material and texture of the model. */
  dispose(): void;
}

/** The model's URL answered an HTTP error (a network failure is fetch's TypeError; anything else failed decoding). */
export class ModelHttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`Vantage: the model ${url} answered HTTP ${status}.`);
  }
}

export interface LoadExhibitModelOptions {
  /** KTX2 textures are transcoded to what this renderer's GPU takes. */
  renderer: THREE.WebGLRenderer;
  /** The file's size when the response names none (the API's `bytes`): progress still moves. */
  expectedBytes?: number;
  /** 0–1 as the bytes arrive; 1 once every byte is in (decoding follows). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Fetches and parses an exhibit's GLB with every decoder a published model may need —
 * Draco and meshopt geometry, KTX2 (Basis) textures — all from our own origin
 * (client/model/decoderPaths.ts). The decoders' workers end with the load.
 */
export async function loadExhibitModel(url: string, opts: LoadExhibitModelOptions): Promise<ExhibitModelData> {
  const { signal } = opts;
  // An exhibit link started this fetch before the page had loaded (client/model/earlyModel.ts);
  // a failed early fetch is asked again here rather than shown.
  const early = await takeEarlyModel(url)?.catch(() => undefined);
  const res = early?.ok ? early : await fetch(url, { signal });
  if (!res.ok) throw new ModelHttpError(url, res.status);
  const bytes = await readWithProgress(res, opts.expectedBytes, opts.onProgress);
  signal?.throwIfAborted();
  performance.mark('vantage:exhibit:bytes');
  const draco = new DRACOLoader().setDecoderPath(DRACO_PATH);
  const ktx2 = new ServedKTX2Loader().detectSupport(opts.renderer);
  const loader = new GLTFLoader().setDRACOLoader(draco).setKTX2Loader(ktx2).setMeshoptDecoder(MeshoptDecoder);
  try {
    // Relative URIs (none in a GLB we published; the ingest refuses external ones) resolve beside the model.
    const gltf = await loader.parseAsync(bytes, new URL('.', new URL(url, location.href)).href);
    const root = gltf.scene;
    root.name = 'exhibit';
    const dispose = () => disposeObject(root);
    if (signal?.aborted) {
      dispose();
      signal.throwIfAborted();
    }
    root.updateMatrixWorld(true);
    performance.mark('vantage:exhibit:parsed');
    return { root, dispose };
  } finally {
    draco.dispose();
    ktx2.dispose();
  }
}

/** The body, reporting the share that has arrived (Content-Length, else the expected size). */
async function readWithProgress(res: Response, expected: number | undefined, onProgress?: (f: number) => void): Promise<ArrayBuffer> {
  const total = Number(res.headers.get('content-length')) || expected || 0;
  if (!res.body || !onProgress) return res.arrayBuffer();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    // A compressed response can outgrow its Content-Length: hold just short of the end until it is in.
    if (total > 0) onProgress(Math.min(0.99, received / total));
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  onProgress(1);
  return out.buffer;
}
