import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { DollhouseMarker } from '../viewer/dollhouseMarkers.ts';

/**
 * Where each panorama was taken: a ring on the floor and a post up to the marker's button
 * (a DOM button the overlay places over the post's top). Drawn over the model, so a marker
 * behind a wardrobe is still found.
 */
export function DollhouseMarkerPins({ markers, hidden }: { markers: readonly DollhouseMarker[]; hidden: boolean }) {
  const parts = useMemo(() => {
    const ring = new THREE.RingGeometry(0.16, 0.24, 40);
    ring.rotateX(-Math.PI / 2);
    const post = new THREE.CylinderGeometry(0.012, 0.012, 1, 6);
    post.translate(0, 0.5, 0);
    const material = new THREE.MeshBasicMaterial({ color: '#e0a24a', transparent: true, opacity: 0.95, depthTest: false, depthWrite: false });
    return { ring, post, material };
  }, []);
  useEffect(
    () => () => {
      parts.ring.dispose();
      parts.post.dispose();
      parts.material.dispose();
    },
    [parts],
  );
  return (
    <group visible={!hidden}>
      {markers.map((m) => (
        <group key={m.sceneId} position={[m.floor.x, m.floor.y + 0.02, m.floor.z]}>
          <mesh geometry={parts.ring} material={parts.material} renderOrder={10} />
          <mesh geometry={parts.post} material={parts.material} scale={[1, m.anchor.y - m.floor.y - 0.02, 1]} renderOrder={10} />
        </group>
      ))}
    </group>
  );
}
