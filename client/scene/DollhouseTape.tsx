import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { Line2 } from 'three/examples/jsm/lines/Line2.js';
import { LineGeometry } from 'three/examples/jsm/lines/LineGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';

/** Size of an end dot on screen, as a share of its distance from the camera (≈ 7 px at 720 px height). */
const DOT_SCALE = 0.008;

/**
 * The measuring tape in the dollhouse: a dot at each picked surface point and a 3 px line
 * between two, drawn over the model so a wall in front does not hide them. The distance
 * label is DOM (the overlay): real, readable text.
 */
export function DollhouseTape({ points }: { points: readonly (readonly number[])[] }) {
  const parts = useMemo(() => {
    const dot = new THREE.SphereGeometry(1, 16, 8);
    const dotMaterial = new THREE.MeshBasicMaterial({ color: '#ffffff', depthTest: false, depthWrite: false, transparent: true });
    const lineMaterial = new LineMaterial({ color: '#e0a24a', linewidth: 3, depthTest: false, depthWrite: false, transparent: true });
    return { dot, dotMaterial, lineMaterial };
  }, []);
  useEffect(
    () => () => {
      parts.dot.dispose();
      parts.dotMaterial.dispose();
      parts.lineMaterial.dispose();
    },
    [parts],
  );
  // A new line per tape (two points each); the previous one's buffers go with it.
  const line = useMemo(() => {
    if (points.length < 2) return null;
    const l = new Line2(new LineGeometry().setPositions([...points[0], ...points[1]]), parts.lineMaterial);
    l.renderOrder = 11;
    l.frustumCulled = false;
    return l;
  }, [points, parts]);
  useEffect(() => () => line?.geometry.dispose(), [line]);
  const dots = useRef<(THREE.Mesh | null)[]>([]);
  // Dots keep their size on screen whatever the zoom.
  useFrame(({ camera }) => {
    for (const d of dots.current) if (d) d.scale.setScalar(Math.max(0.01, camera.position.distanceTo(d.position) * DOT_SCALE));
  });
  return (
    <>
      {points.map((p, i) => (
        <mesh
          key={i}
          ref={(m) => void (dots.current[i] = m)}
          geometry={parts.dot}
          material={parts.dotMaterial}
          position={[p[0], p[1], p[2]]}
          renderOrder={12}
        />
      ))}
      {line && <primitive object={line} />}
    </>
  );
}
