import * as THREE from 'three';
import { FACE_IDS, facePoint, TILE_BORDER, type FaceId, type Scene } from '@protocol';
import { selectLevel } from './selectLevel.ts';
import { tileBounds, tileCorners, tileUrl, type TileRef } from './tileGrid.ts';
import type { TextureStore, UploadedTexture } from './TextureStore.ts';
import { visibleTiles, type Plane } from './visibleTiles.ts';
import { overlapsAny, type FaceRect } from './overlapsAny.ts';
import { panoramaShader } from './panoramaShader.ts';

/** Half the edge of the cube the panorama is drawn on, in metres: far enough to read as infinity in a headset. */
export const PANORAMA_RADIUS = 50;
/** How far (texels) each tile quad overlaps its neighbours: less than the 1 px border, more than a rounding error. */
const SEAM_TEXELS = 0.5;

export interface ViewFrame {
  forward: readonly number[];
  planes: readonly Plane[];
  /** Device pixels per radian at the view centre. */
  pixelsPerRadian: number;
}

export interface PanoramaStatus {
  level: number;
  visible: number;
  ready: number;
  /** Every visible tile of the chosen level is on the GPU. */
  sharp: boolean;
  previewReady: boolean;
}

function quad(corners: readonly (readonly number[])[], u0: number, u1: number, v0: number, v1: number): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  const pos = new Float32Array(12);
  corners.forEach((c, i) => pos.set([c[0] * PANORAMA_RADIUS, c[1] * PANORAMA_RADIUS, c[2] * PANORAMA_RADIUS], i * 3));
  g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  // Corners are top-left, top-right, bottom-right, bottom-left; v counts rows from the image top.
  g.setAttribute('uv', new THREE.BufferAttribute(new Float32Array([u0, v0, u1, v0, u1, v1, u0, v1]), 2));
  g.setIndex([0, 3, 1, 1, 3, 2]);
  return g;
}

/**
 * A stand-in for the panorama's meshes (opaque and fading), for the renderer to compile
 * their shaders before the first frame — in the background where the browser can
 * (KHR_parallel_shader_compile), instead of inside that frame.
 */
export function shaderWarmUp(): { object: THREE.Object3D; dispose: () => void } {
  // Sampled like the tiles (TextureStore's makeTexture): a software rasteriser builds its
  // routines per sampler state, so a nearest-filtered stand-in would warm up the wrong one.
  const texture = new THREE.DataTexture(new Uint8Array([0, 0, 0, 255]), 1, 1);
  texture.colorSpace = THREE.NoColorSpace; // as the tiles (panoramaShader)
  texture.minFilter = texture.magFilter = THREE.LinearFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  const geometry = new THREE.PlaneGeometry();
  const object = new THREE.Group();
  const fading = material(texture);
  fading.transparent = true;
  fading.opacity = 0.5;
  for (const m of [material(texture), fading]) object.add(new THREE.Mesh(geometry, m));
  return {
    object,
    dispose: () => {
      for (const c of object.children) ((c as THREE.Mesh).material as THREE.Material).dispose();
      geometry.dispose();
      texture.dispose();
    },
  };
}

function material(texture: THREE.Texture): THREE.MeshBasicMaterial {
  const m = new THREE.MeshBasicMaterial({
    map: texture,
    side: THREE.DoubleSide,
    depthTest: false,
    depthWrite: false,
    toneMapped: false, // photos are already display-referred
    transparent: false,
    // A room's quads never overlap one another: fading, one pass is enough (three would draw
    // a transparent double-sided mesh twice, back faces then front).
    forceSinglePass: true,
  });
  m.onBeforeCompile = panoramaShader;
  return m;
}

/**
 * One room's panorama on a cube: the preview underneath, tiles of each level above it
 * (coarse to fine), so a missing tile shows its parent or the preview — never a hole; where
 * the chosen level is complete, only it is drawn (see update).
 */
export class ScenePanorama {
  readonly group = new THREE.Group();
  private preview: UploadedTexture | null = null;
  /** One material for every patch of the preview (they share its texture and its opacity). */
  private previewMaterial: THREE.MeshBasicMaterial | null = null;
  /** The preview drawn over exactly one missing tile of the chosen level, by that tile's key. */
  private readonly patches = new Map<string, THREE.Mesh>();
  private readonly tileMeshes = new Map<string, THREE.Mesh>();
  private opacity = 1;
  status: PanoramaStatus = { level: 0, visible: 0, ready: 0, sharp: false, previewReady: false };
  private disposed = false;

  constructor(
    readonly scene: Scene,
    private readonly store: TextureStore,
  ) {
    this.group.name = `panorama:${scene.id}`;
    const ready = store.previewIfReady(scene.previewUrl);
    if (ready) this.attachPreview(ready);
    else store.preview(scene.previewUrl).then((p) => !this.disposed && this.attachPreview(p), () => {});
  }

  get previewReady(): boolean {
    return this.preview !== null;
  }

  tileUrl(t: TileRef): string {
    return tileUrl(this.scene, t);
  }

  private attachPreview(p: UploadedTexture) {
    if (this.preview) return;
    this.preview = p;
    this.previewMaterial = material(p.texture);
    this.applyOpacity();
  }

  /**
   * The preview over the area of one tile of the chosen level that is not on the GPU yet.
   * Only there: a whole preview face under a face with one hole was a second full-screen
   * layer for software WebGL to fill, and during a pan (a hole somewhere most frames) that
   * made frames take several refreshes.
   */
  private patch(t: TileRef): THREE.Mesh | null {
    const p = this.preview;
    if (!p || !this.previewMaterial) return null;
    let mesh = this.patches.get(t.key);
    if (!mesh) {
      const { a0, a1, b0, b1 } = tileBounds(this.scene.levels[t.level], t.x, t.y);
      const faceW = p.width / 6, i = FACE_IDS.indexOf(t.face);
      // The strip's face i, inside its border, spans [u0, u1] × [v0, v1]; face coordinates run −1..1.
      const u0 = (i * faceW + TILE_BORDER) / p.width, u1 = ((i + 1) * faceW - TILE_BORDER) / p.width;
      const v0 = TILE_BORDER / p.height, v1 = (p.height - TILE_BORDER) / p.height;
      const u = (a: number) => u0 + ((a + 1) / 2) * (u1 - u0);
      const v = (b: number) => v0 + ((1 - b) / 2) * (v1 - v0);
      const corners = [facePoint(t.face, a0, b0), facePoint(t.face, a1, b0), facePoint(t.face, a1, b1), facePoint(t.face, a0, b1)];
      mesh = this.addMesh(this.patches, t.key, `preview:${t.key}`, quad(corners, u(a0), u(a1), v(b0), v(b1)), this.previewMaterial, 0);
    }
    return mesh;
  }

  /** A quad of this room, drawn at `renderOrder` (before any fading offset), kept in `into` under `key`. */
  private addMesh(into: Map<string, THREE.Mesh>, key: string, name: string, geometry: THREE.BufferGeometry, mat: THREE.Material, renderOrder: number): THREE.Mesh {
    const mesh = new THREE.Mesh(geometry, mat);
    mesh.renderOrder = renderOrder;
    mesh.frustumCulled = false;
    mesh.name = name;
    into.set(key, mesh);
    this.group.add(mesh);
    this.applyOpacity(mesh);
    return mesh;
  }

  private dropPatch(key: string) {
    const mesh = this.patches.get(key);
    if (!mesh) return;
    this.group.remove(mesh);
    mesh.geometry.dispose(); // the material is shared (previewMaterial)
    this.patches.delete(key);
  }

  private tileMesh(t: TileRef, up: UploadedTexture): THREE.Mesh {
    let mesh = this.tileMeshes.get(t.key);
    if (mesh && (mesh.material as THREE.MeshBasicMaterial).map !== up.texture) {
      this.dropMesh(t.key);
      mesh = undefined;
    }
    if (!mesh) {
      const level = this.scene.levels[t.level];
      const { width, height } = tileBounds(level, t.x, t.y);
      const w = width + 2 * TILE_BORDER, h = height + 2 * TILE_BORDER;
      // Each quad reaches SEAM_TEXELS into its border (which repeats the neighbours' pixels):
      // with nothing drawn under a sharp view, edge-to-edge quads would let the rasteriser
      // leave single background pixels where four tiles meet.
      const e = TILE_BORDER - SEAM_TEXELS;
      const geo = quad(tileCorners(t.face, level, t.x, t.y, SEAM_TEXELS), e / w, (w - e) / w, e / h, (h - e) / h);
      mesh = this.addMesh(this.tileMeshes, t.key, t.key, geo, material(up.texture), t.level + 1);
    }
    return mesh;
  }

  private dropMesh(key: string) {
    const mesh = this.tileMeshes.get(key);
    if (!mesh) return;
    this.group.remove(mesh);
    mesh.geometry.dispose();
    (mesh.material as THREE.Material).dispose(); // the texture belongs to the store
    this.tileMeshes.delete(key);
  }

  /**
   * Picks the level for the screen, draws what is on the GPU, and tells the store what to
   * fetch next (visible tiles of the chosen level, nearest the centre first).
   * Returns the URLs drawn this frame, which the store must not evict.
   */
  update(frame: ViewFrame, active: boolean): Set<string> {
    const target = selectLevel(this.scene.levels, frame.pixelsPerRadian);
    const drawn = new Set<string>();
    const keepMeshes = new Set<string>();
    let visibleCount = 0, readyCount = 0;
    const missing: { url: string }[] = [];
    // Where the chosen level has holes (visible tiles not on the GPU yet), per face: only
    // there must what lies under it — coarser tiles, the preview — be drawn. Elsewhere it is
    // never seen, and skipping it halves a frame's fill (software WebGL fills every layer).
    const holes = new Map<FaceId, FaceRect[]>();
    const holeTiles: TileRef[] = [];
    const under: { mesh: THREE.Mesh; face: FaceId; rect: FaceRect }[] = [];
    for (let l = 0; l <= target; l++) {
      const level = this.scene.levels[l];
      const tiles = visibleTiles(l, level, frame.planes, frame.forward);
      for (const t of tiles) {
        const url = this.tileUrl(t);
        const up = this.store.tiles.get(url);
        if (l === target) visibleCount++;
        if (up) {
          if (l === target) readyCount++;
          const mesh = this.tileMesh(t, up);
          if (l < target) under.push({ mesh, face: t.face, rect: tileBounds(level, t.x, t.y) });
          else mesh.visible = true;
          keepMeshes.add(t.key);
          drawn.add(url);
        } else if (l === target) {
          missing.push({ url });
          holeTiles.push(t);
          const h = holes.get(t.face) ?? [];
          h.push(tileBounds(level, t.x, t.y));
          holes.set(t.face, h);
        }
      }
    }
    for (const u of under) u.mesh.visible = overlapsAny(u.rect, holes.get(u.face));
    const patched = new Set<string>();
    for (const t of holeTiles) if (this.patch(t)) patched.add(t.key);
    for (const key of [...this.patches.keys()]) if (!patched.has(key)) this.dropPatch(key);
    for (const [key, mesh] of this.tileMeshes) {
      if (keepMeshes.has(key)) continue;
      const url = this.tileUrl(parseKey(key));
      if (!this.store.tiles.has(url)) this.dropMesh(key);
      else mesh.visible = false;
    }
    if (active) this.store.want(missing);
    this.status = {
      level: target,
      visible: visibleCount,
      ready: readyCount,
      sharp: this.previewReady && readyCount === visibleCount,
      previewReady: this.previewReady,
    };
    return drawn;
  }

  /** Fades this panorama (when it is the room being left). */
  setOpacity(o: number) {
    this.opacity = o;
    this.applyOpacity();
  }

  private applyOpacity(only?: THREE.Mesh) {
    const meshes = only ? [only] : [...this.patches.values(), ...this.tileMeshes.values()];
    if (!only && this.previewMaterial) this.fade(this.previewMaterial);
    for (const m of meshes) {
      this.fade(m.material as THREE.MeshBasicMaterial);
      m.renderOrder = (m.renderOrder % 100) + (this.opacity < 1 ? 100 : 0);
    }
  }

  private fade(mat: THREE.MeshBasicMaterial) {
    const fading = this.opacity < 1;
    // A material compiled opaque forces alpha to 1 in its shader (three's OPAQUE define):
    // without a recompile the fading room stayed fully on top until the fade's end.
    if (mat.transparent !== fading) mat.needsUpdate = true;
    mat.transparent = fading;
    mat.opacity = this.opacity;
  }

  dispose(): void {
    this.disposed = true;
    for (const key of [...this.tileMeshes.keys()]) this.dropMesh(key);
    for (const key of [...this.patches.keys()]) this.dropPatch(key);
    this.previewMaterial?.dispose();
    this.previewMaterial = null;
    this.preview = null;
    this.group.removeFromParent();
  }
}

function parseKey(key: string): TileRef {
  const [level, face, yx] = key.split('/');
  const [y, x] = yx.split('_').map(Number);
  return { level: Number(level), face: face as FaceId, x, y, key };
}
