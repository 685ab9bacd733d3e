import { useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';

const q = new THREE.Quaternion();
const s = new THREE.Vector3();
const p = new THREE.Vector3();

/**
 * Children face the viewer and keep a fixed size in metres (`worldSize` per local unit)
 * whatever the model's scale: an info point on a 1:1000 sand table stays finger-sized.
 */
export function Billboard({ children, position, worldSize }: { children: React.ReactNode; position: [number, number, number]; worldSize: number }) {
  const ref = useRef<THREE.Group>(null);
  useFrame((state) => {
    const g = ref.current;
    if (!g?.parent) return;
    g.parent.matrixWorld.decompose(p, q, s);
    g.scale.setScalar(worldSize / Math.max(1e-9, s.x));
    state.camera.getWorldQuaternion(g.quaternion);
    g.quaternion.premultiply(q.invert());
  });
  return (
    <group ref={ref} position={position}>
      {children}
    </group>
  );
}
