import * as THREE from 'three';

/**
 * The things a tap (an XR select) can land on in the AR scene: info point discs, captions,
 * 3D buttons, placed models. A tap that lands on none of them places a model at the reticle.
 * Our own raycast, so one tap does exactly one thing on every input (screen, controller, hand).
 */
export class ArTapTargets {
  private readonly targets = new Map<THREE.Object3D, () => void>();
  private readonly raycaster = new THREE.Raycaster();

  /** Registers `obj` (and its descendants); returns the unregister. */
  add(obj: THREE.Object3D, onTap: () => void): () => void {
    this.targets.set(obj, onTap);
    return () => void this.targets.delete(obj);
  }

  /**
   * The handler of the nearest visible target on the ray, or null. Buttons and discs (priority
   * ≥ 2, drawn over everything) win over a model's body (< 2) at any distance; among their own
   * kind the nearest wins.
   */
  hit(origin: THREE.Vector3, direction: THREE.Vector3): (() => void) | null {
    this.raycaster.set(origin, direction);
    let best: { d: number; priority: number; tap: () => void } | null = null;
    for (const [obj, tap] of this.targets) {
      if (!visible(obj)) continue;
      const hits = this.raycaster.intersectObject(obj, true);
      const h = hits.find((x) => visible(x.object));
      if (!h) continue;
      const priority = ((obj.userData.tapPriority as number | undefined) ?? 0) >= 2 ? 1 : 0;
      if (!best || priority > best.priority || (priority === best.priority && h.distance < best.d)) best = { d: h.distance, priority, tap };
    }
    return best?.tap ?? null;
  }
}

function visible(o: THREE.Object3D | null): boolean {
  for (let x = o; x; x = x.parent) if (!x.visible) return false;
  return true;
}
