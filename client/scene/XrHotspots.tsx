import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { directionFromYawPitch, type Scene } from '@protocol';

const DISTANCE = 6;

function labelTexture(text: string): THREE.CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = 512;
  canvas.height = 128;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'rgba(20,32,43,0.85)';
  ctx.beginPath();
  ctx.roundRect(0, 0, 512, 128, 64);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = '600 56px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 256, 66, 480);
  const t = new THREE.CanvasTexture(canvas);
  t.colorSpace = THREE.SRGBColorSpace;
  return t;
}

/**
 * Hotspots as 3D targets for headset controllers: point the ray, pull the trigger (R3F
 * pointer events from @react-three/xr arrive as onClick). Labels are canvas textures, so
 * no font is fetched from anywhere.
 */
export function XrHotspots({ scene, names, onGo }: { scene: Scene; names: Map<string, string>; onGo: (target: string) => void }) {
  const spots = useMemo(
    () =>
      scene.hotspots.flatMap((h) => {
        if (h.kind !== 'scene') return [];
        const d = directionFromYawPitch(h.yaw, h.pitch);
        const pos = new THREE.Vector3(d[0], d[1], d[2]).multiplyScalar(DISTANCE);
        return [{ id: h.id, target: h.target, pos, label: labelTexture(names.get(h.target) ?? h.target) }];
      }),
    [scene, names],
  );
  useEffect(() => () => spots.forEach((s) => s.label.dispose()), [spots]);
  const root = useRef<THREE.Group>(null);
  // Centred on the eye like the panorama, so each target sits exactly over its doorway.
  useFrame((state) => root.current && state.camera.getWorldPosition(root.current.position));
  return (
    <group name="xr-hotspots" ref={root}>
      {spots.map((s) => (
        <group key={s.id} position={s.pos} rotation={[0, Math.atan2(-s.pos.x, -s.pos.z), 0]}>
          <mesh name={`xr-hotspot:${s.target}`} renderOrder={1000} onClick={() => onGo(s.target)}>
            <circleGeometry args={[0.45, 40]} />
            <meshBasicMaterial color="#e0a24a" transparent opacity={0.9} depthTest={false} toneMapped={false} />
          </mesh>
          <mesh position={[0, 0.75, 0]} renderOrder={1001}>
            <planeGeometry args={[1.6, 0.4]} />
            <meshBasicMaterial map={s.label} transparent depthTest={false} toneMapped={false} />
          </mesh>
        </group>
      ))}
    </group>
  );
}
