/**
 * Turns the dollhouse build of the flat into a small binary glTF (runs in the browser).
 *
 * The scene graph has a few thousand small meshes; the file gets one mesh per material,
 * baked into world (= floor-plan) metres, so the viewer draws it in ~60 calls and the file
 * carries no node overhead. Fine textures that only read as a tint from dollhouse distance
 * (plaster, fabric weave) become their average colour; the rest are shrunk and stored as JPEG.
 */
import * as THREE from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import { mergeGeometries, mergeVertices } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

export interface DollhouseExportOptions {
  /** Longest edge of an exported texture in pixels. */
  maxTexture: number;
  /** Written into the root node's extras, for whoever opens the file. */
  extras?: Record<string, unknown>;
}

/** Mark a texture whose detail does not survive dollhouse distance: exported as its mean colour. */
export function foldIntoColour<T extends THREE.Texture>(t: T): T {
  t.userData.dollhouse = 'fold';
  return t;
}

/** Mark a texture to export at most this many pixels wide (pictures need less than floors). */
export function dollhouseTextureSize<T extends THREE.Texture>(t: T, px: number): T {
  t.userData.dollhouseSize = px;
  return t;
}

type Drawable = HTMLCanvasElement | HTMLImageElement | ImageBitmap;

/** Mean colour of an sRGB image in linear RGB (what a material colour multiplies). */
function meanLinear(image: Drawable): THREE.Color {
  const w = image.width, h = image.height;
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const ctx = c.getContext('2d')!;
  ctx.drawImage(image, 0, 0);
  const px = ctx.getImageData(0, 0, w, h).data;
  const lut = new Float32Array(256).map((_, i) => {
    const c = i / 255;
    return c < 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  let r = 0, g = 0, b = 0;
  for (let i = 0; i < px.length; i += 4) {
    r += lut[px[i]];
    g += lut[px[i + 1]];
    b += lut[px[i + 2]];
  }
  const n = px.length / 4;
  return new THREE.Color(r / n, g / n, b / n);
}

function shrink(image: Drawable, max: number): Drawable {
  const scale = Math.min(1, max / Math.max(image.width, image.height));
  if (scale === 1) return image;
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.round(image.width * scale));
  c.height = Math.max(1, Math.round(image.height * scale));
  const ctx = c.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, c.width, c.height);
  return c;
}

/** Folds or shrinks each material's colour map once (materials and textures are shared). */
function prepareMaterial(m: THREE.MeshStandardMaterial, maxTexture: number, done: Set<THREE.Texture>): void {
  const map = m.map;
  if (!map) return;
  if (map.userData.dollhouse === 'fold') {
    m.color.multiply(meanLinear(map.image as Drawable));
    m.map = null;
    return;
  }
  if (done.has(map)) return;
  done.add(map);
  map.image = shrink(map.image as Drawable, Math.min(maxTexture, (map.userData.dollhouseSize as number | undefined) ?? maxTexture));
  // Every map here is an opaque colour picture: JPEG is a fraction of PNG.
  map.userData.mimeType = 'image/jpeg';
}

/** A world-space copy of a mesh's geometry with exactly the attributes its material uses, indexed. */
function bakedGeometry(src: THREE.BufferGeometry, matrix: THREE.Matrix4, useUv: boolean, colour: THREE.Color | null): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', src.getAttribute('position').clone());
  if (src.getAttribute('normal')) g.setAttribute('normal', src.getAttribute('normal').clone());
  else g.computeVertexNormals();
  const n = g.getAttribute('position').count;
  if (useUv) g.setAttribute('uv', src.getAttribute('uv')?.clone() ?? new THREE.BufferAttribute(new Float32Array(n * 2), 2));
  if (colour) {
    const c = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) colour.toArray(c, i * 3);
    g.setAttribute('color', new THREE.BufferAttribute(c, 3));
  }
  const index = src.getIndex();
  g.setIndex(index ? Array.from(index.array) : Array.from({ length: n }, (_, i) => i));
  g.applyMatrix4(matrix);
  // A mirrored transform flips the winding; none is used today, keep faces outward if one appears.
  if (matrix.determinant() < 0) {
    const idx = g.getIndex()!;
    for (let i = 0; i < idx.count; i += 3) {
      const a = idx.getX(i + 1);
      idx.setX(i + 1, idx.getX(i + 2));
      idx.setX(i + 2, a);
    }
  }
  return g;
}

/**
 * One mesh per material in world coordinates, no lights, then GLTFExporter → .glb bytes.
 * `root` must already be the dollhouse build (buildFlat with `dollhouse`).
 */
export async function exportDollhouse(root: THREE.Object3D, opts: DollhouseExportOptions): Promise<{ glb: ArrayBuffer; meshes: number; triangles: number; textures: number }> {
  root.updateMatrixWorld(true);
  const byMaterial = new Map<THREE.MeshStandardMaterial, THREE.BufferGeometry[]>();
  const prepared = new Set<THREE.Texture>();
  const m4 = new THREE.Matrix4();
  const tint = new THREE.Color();
  root.traverseVisible((o) => {
    const mesh = o as THREE.Mesh;
    if (!mesh.isMesh) return;
    const mat = mesh.material as THREE.MeshStandardMaterial;
    if (Array.isArray(mat) || !mat.isMeshStandardMaterial) throw new Error(`dollhouse: unexpected material on ${mesh.name || mesh.type}`);
    prepareMaterial(mat, opts.maxTexture, prepared);
    const list = byMaterial.get(mat) ?? [];
    byMaterial.set(mat, list);
    const inst = mesh as THREE.InstancedMesh;
    if (inst.isInstancedMesh) {
      // Instances (the books) become plain triangles with a colour per vertex.
      mat.vertexColors = !!inst.instanceColor;
      for (let i = 0; i < inst.count; i++) {
        inst.getMatrixAt(i, m4);
        m4.premultiply(inst.matrixWorld);
        if (inst.instanceColor) inst.getColorAt(i, tint);
        list.push(bakedGeometry(inst.geometry, m4, !!mat.map, inst.instanceColor ? tint : null));
      }
    } else list.push(bakedGeometry(mesh.geometry, mesh.matrixWorld, !!mat.map, null));
  });

  const out = new THREE.Group();
  out.name = 'dollhouse';
  out.userData = { ...opts.extras };
  let triangles = 0;
  for (const [mat, geos] of byMaterial) {
    const joined = mergeGeometries(geos);
    if (!joined) throw new Error(`dollhouse: could not merge the geometry of material ${mat.name}`);
    for (const g of geos) g.dispose();
    // Many source shapes are unindexed (rounded boxes): share the corners they repeat.
    const merged = mergeVertices(joined, 1e-4);
    joined.dispose();
    triangles += merged.getIndex()!.count / 3;
    const mesh = new THREE.Mesh(merged, mat);
    mesh.name = mat.name || `material-${out.children.length}`;
    out.add(mesh);
  }
  const glb = (await new GLTFExporter().parseAsync(out, { binary: true, onlyVisible: true, maxTextureSize: opts.maxTexture })) as ArrayBuffer;
  for (const c of out.children) (c as THREE.Mesh).geometry.dispose();
  return { glb, meshes: out.children.length, triangles, textures: prepared.size };
}
