import * as THREE from 'three';

export interface DollhouseModel {
  root: THREE.Group;
  /** Axis-aligned bounds in model (= floor-plan) metres. */
  bounds: THREE.Box3;
  /** Frees every geometry, material and texture of the model. */
  dispose(): void;
}

/**
 * Fetches and parses the dollhouse .glb from our own origin (or the tiles CDN). No DRACO or
 * meshopt decoders are configured: a compressed file fails loudly instead of fetching a
 * decoder from somewhere else.
 */
export async function loadDollhouseModel(url: string, signal?: AbortSignal): Promise<DollhouseModel> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`Vantage: the dollhouse model ${url} answered HTTP ${res.status}`);
  // The loader is fetched with the model, not with the tour: a first frame never waits for it.
  const [bytes, { GLTFLoader }] = await Promise.all([res.arrayBuffer(), import('three/examples/jsm/loaders/GLTFLoader.js')]);
  signal?.throwIfAborted();
  const gltf = await new GLTFLoader().parseAsync(bytes, '');
  const root = gltf.scene;
  root.name = 'dollhouse';
  const dispose = () => disposeObject(root);
  if (signal?.aborted) {
    dispose();
    signal.throwIfAborted();
  }
  root.updateMatrixWorld(true);
  return { root, bounds: new THREE.Box3().setFromObject(root), dispose };
}

/** Disposes the GPU resources under `root` (each once, even when shared). */
export function disposeObject(root: THREE.Object3D): void {
  const seen = new Set<{ dispose(): void }>();
  root.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (mesh.geometry) seen.add(mesh.geometry);
    const mats = mesh.material ? (Array.isArray(mesh.material) ? mesh.material : [mesh.material]) : [];
    for (const m of mats) {
      seen.add(m);
      for (const v of Object.values(m)) if (v instanceof THREE.Texture) seen.add(v);
    }
  });
  for (const r of seen) {
    r.dispose();
    // ImageBitmaps hold decoded pixels outside the GL context until closed.
    const image = (r as THREE.Texture).isTexture ? (r as THREE.Texture).image : null;
    if (typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap) image.close();
  }
  root.removeFromParent();
}
