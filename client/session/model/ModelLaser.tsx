import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { SessionVec3 } from '@protocol';
import type { SessionClient } from '../SessionClient.ts';
import type { SessionDriver } from '../SessionDriver.ts';

/** A press that moved less than this (CSS px) is a click: a point, not an orbit. */
const CLICK_SLOP = 6;

/**
 * The laser on an exhibit, inside its canvas: the lead's click casts a ray from the camera
 * through the cursor and the first hit on the model's surface becomes the point (model space)
 * that the pose lane carries; everyone sees a red dot there (the model hides it when it is
 * behind, like anything on the surface).
 */
export function ModelLaser({ root, radius, exhibitId, client, driver }: { root: THREE.Object3D; radius: number; exhibitId: string; client: SessionClient; driver: SessionDriver }) {
  const { gl, camera, invalidate } = useThree();
  const dot = useRef<THREE.Mesh>(null);
  const shown = useRef<string>('');
  const geometry = useMemo(() => new THREE.SphereGeometry(radius * 0.025, 16, 12), [radius]);
  const material = useMemo(() => new THREE.MeshBasicMaterial({ color: '#ff2a2a', toneMapped: false }), []);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  // The lead's click: a ray to the model's surface.
  useEffect(() => {
    const el = gl.domElement;
    let down: { x: number; y: number } | null = null;
    const ray = new THREE.Raycaster();
    const onDown = (e: PointerEvent) => void (down = { x: e.clientX, y: e.clientY });
    const onUp = (e: PointerEvent) => {
      const d = down;
      down = null;
      if (!d || !client.isLead || Math.hypot(e.clientX - d.x, e.clientY - d.y) > CLICK_SLOP) return;
      const r = el.getBoundingClientRect();
      ray.setFromCamera(new THREE.Vector2(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1), camera);
      const hit = ray.intersectObject(root, true)[0];
      // Millimetres: what the pose lane relays (PoseLane rounds to them too).
      driver.model.laser = hit ? (hit.point.toArray().map((x) => Math.round(x * 1e3) / 1e3) as SessionVec3) : null;
      invalidate();
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointerup', onUp);
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
    };
  }, [gl, camera, root, client, driver, invalidate]);

  // Someone else's laser moves with their poses: a frame when it does (the canvas renders on demand).
  useEffect(() => client.onPose(() => invalidate()), [client, invalidate]);

  useFrame(() => {
    const m = dot.current;
    if (!m) return;
    const lp = driver.model.leadPoint;
    const p = client.isLead ? driver.model.laser : lp && lp.exhibitId === exhibitId ? lp.point : null;
    const key = p ? p.join(',') : '';
    if (key === shown.current) return;
    shown.current = key;
    m.visible = !!p;
    if (p) m.position.set(...p);
    gl.domElement.dataset.laser = key;
    invalidate();
  });

  return <mesh ref={dot} visible={false} geometry={geometry} material={material} renderOrder={10} />;
}
