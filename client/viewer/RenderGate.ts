import type * as THREE from 'three';

type Material = THREE.Material & { opacity: number; color?: THREE.Color; map?: THREE.Texture | null };

/**
 * Decides whether a frame needs drawing: only when something that shows has changed since
 * the last draw — the camera, the canvas size, or any object in the scene (added, removed,
 * moved, shown, faded, given a new or updated texture). A still panorama then costs no GPU
 * (software WebGL on a phone or these 2-core machines: the whole frame budget), while the
 * engine keeps running every frame. It reads the scene itself rather than trusting every
 * part of the engine to report its changes, so nothing new can be forgotten.
 */
export class RenderGate {
  private last: number[] = [];
  private next: number[] = [];
  private forced = true;

  /** The next frame draws whatever it finds (a restored WebGL context has lost what was drawn). */
  invalidate(): void {
    this.forced = true;
  }

  shouldRender(scene: THREE.Object3D, camera: THREE.PerspectiveCamera, width: number, height: number, dpr: number): boolean {
    const s = this.next;
    s.length = 0;
    s.push(width, height, dpr, camera.fov, camera.aspect, camera.zoom, camera.near, camera.far);
    pushTransform(s, camera);
    scene.traverse((o) => {
      s.push(o.id, o.visible ? 1 : 0, o.renderOrder);
      pushTransform(s, o);
      const geometry = (o as THREE.Mesh).geometry as THREE.BufferGeometry | undefined;
      if (geometry) s.push(geometry.id);
      const m = (o as THREE.Mesh).material as Material | Material[] | undefined;
      if (m) for (const mat of Array.isArray(m) ? m : [m]) pushMaterial(s, mat);
    });
    const changed = this.forced || s.length !== this.last.length || s.some((v, i) => v !== this.last[i]);
    this.next = this.last;
    this.last = s;
    this.forced = false;
    return changed;
  }
}

function pushTransform(s: number[], o: THREE.Object3D) {
  const { position: p, quaternion: q, scale: k } = o;
  s.push(p.x, p.y, p.z, q.x, q.y, q.z, q.w, k.x, k.y, k.z);
}

function pushMaterial(s: number[], m: Material) {
  s.push(m.id, m.version, m.opacity, m.visible ? 1 : 0);
  if (m.color) s.push(m.color.r, m.color.g, m.color.b);
  if (m.map) s.push(m.map.id, m.map.version);
}
