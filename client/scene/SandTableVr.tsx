import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { useXR } from '@react-three/xr';
import * as THREE from 'three';
import type { Exhibit } from '@protocol';
import type { Lang } from '../i18n/messages.ts';
import { ArTapTargets } from '../xr/ar/ArTapTargets.ts';
import { EraPlayer } from '../xr/ar/EraPlayer.ts';
import { EraTimeline } from '../xr/ar/EraTimeline.ts';
import { useArModel } from '../xr/ar/useArModel.ts';
import { ArExhibitInfoPoints } from './ArExhibitInfoPoints.tsx';
import type { ArSceneRegistry } from './ArExhibitScene.tsx';
import { ArTapContext } from './ArExhibitTapContext.ts';
import { SandTableEras } from './SandTableEras.tsx';

/** Standing height of the virtual table top (m) and where it stands (in front of the visitor). */
export const VR_TABLE_TOP = 0.9;
const TABLE_AT = new THREE.Vector3(0, 0, -1);
const TABLE_SIZE: [number, number] = [1.4, 1];
/** The site model fills this much of the table top. */
const FIT = 0.85;

/**
 * The sand table in a headset: a rug on the floor, a table at standing height, soft light, the site
 * model on it, scaled to the table. Trigger on the model and move the controller round the
 * table to turn it (a lazy Susan); the thumbstick turns it too; grip picks it up, and letting
 * go sets it back on the table. Eras and info points work as in AR (trigger on them).
 */
export function SandTableVr({ exhibit, lang, registry }: { exhibit: Exhibit; lang: Lang; registry: ArSceneRegistry }) {
  const taps = useMemo(() => new ArTapTargets(), []);
  const loaded = useArModel(exhibit.modelUrl);
  const player = useMemo(() => (exhibit.eras?.length ? new EraPlayer(new EraTimeline(exhibit.eras)) : null), [exhibit]);
  const [open, setOpenId] = useState<string | null>(null);
  const setOpen = (id: string) => setOpenId((o) => (o === id ? null : id));
  const scene = useThree((s) => s.scene);
  const { fit, lift, centre } = useMemo(() => {
    const min = new THREE.Vector3(...exhibit.bounds.min), max = new THREE.Vector3(...exhibit.bounds.max);
    const size = new THREE.Vector3().subVectors(max, min);
    const s = Math.min((TABLE_SIZE[0] * FIT) / Math.max(1e-6, size.x), (TABLE_SIZE[1] * FIT) / Math.max(1e-6, size.z));
    return { fit: s, lift: -min.y * s, centre: new THREE.Vector3((min.x + max.x) / 2, 0, (min.z + max.z) / 2) };
  }, [exhibit]);
  useEffect(() => {
    registry.scene = scene;
    if (!loaded) return;
    registry.roots.set('vr', loaded);
    if (player) {
      registry.players.set('vr', player);
      player.play(performance.now());
    }
    return () => {
      registry.roots.delete('vr');
      registry.players.delete('vr');
    };
  }, [loaded, player, registry, scene]);
  const turntable = useRef<THREE.Group>(null);
  useVrHandling(turntable, taps);
  return (
    <ArTapContext.Provider value={taps}>
      <color attach="background" args={['#1c2229']} />
      <hemisphereLight args={['#fff6e8', '#39424d', 1.4]} />
      <directionalLight position={[2, 4, 1]} intensity={2.2} />
      {/* A rug under the table, not a floor to the horizon: geometry reaching behind the viewer hid everything nearer under the emulator (IWER, SwiftShader). */}
      <mesh name="vr-floor" rotation={[-Math.PI / 2, 0, 0]} position={[TABLE_AT.x, 0, TABLE_AT.z]}>
        <circleGeometry args={[0.95, 64]} />
        <meshStandardMaterial color="#3b4652" roughness={0.95} />
      </mesh>
      <group name="vr-table" position={TABLE_AT}>
        <mesh position={[0, VR_TABLE_TOP - 0.025, 0]}>
          <boxGeometry args={[TABLE_SIZE[0], 0.05, TABLE_SIZE[1]]} />
          <meshStandardMaterial color="#8a6a4a" roughness={0.7} />
        </mesh>
        {[-1, 1].flatMap((sx) =>
          [-1, 1].map((sz) => (
            <mesh key={`${sx}${sz}`} position={[sx * (TABLE_SIZE[0] / 2 - 0.06), (VR_TABLE_TOP - 0.05) / 2, sz * (TABLE_SIZE[1] / 2 - 0.06)]}>
              <boxGeometry args={[0.06, VR_TABLE_TOP - 0.05, 0.06]} />
              <meshStandardMaterial color="#6d533a" />
            </mesh>
          )),
        )}
        <group ref={turntable} name="vr-sand-table" position={[0, VR_TABLE_TOP, 0]}>
          <group scale={fit} position={[-centre.x * fit, lift, -centre.z * fit]}>
            {loaded && <primitive object={loaded} />}
            {loaded && player && <SandTableEras root={loaded} exhibit={exhibit} player={player} lang={lang} />}
            {loaded && <ArExhibitInfoPoints points={exhibit.infoPoints} open={open} lang={lang} onToggle={setOpen} />}
          </group>
        </group>
      </group>
    </ArTapContext.Provider>
  );
}

/** Controller handling: taps on 3D buttons, trigger-drag to turn, thumbstick turn, grip to lift. */
function useVrHandling(turntable: React.RefObject<THREE.Group | null>, taps: ArTapTargets) {
  const gl = useThree((s) => s.gl);
  const session = useXR((s) => s.session);
  const drag = useRef<{ source: XRInputSource; startAngle: number; startYaw: number } | null>(null);
  const grab = useRef<{ source: XRInputSource; offset: THREE.Vector3 } | null>(null);
  const rayOf = (frame: XRFrame, source: XRInputSource, space: XRSpace) => {
    const ref = gl.xr.getReferenceSpace();
    const pose = ref && frame.getPose(space, ref);
    if (!pose) return null;
    const m = new THREE.Matrix4().fromArray(Array.from(pose.transform.matrix));
    return { origin: new THREE.Vector3().setFromMatrixPosition(m), dir: new THREE.Vector3(-m.elements[8], -m.elements[9], -m.elements[10]).normalize(), source };
  };
  useEffect(() => {
    if (!session) return;
    const centre = () => turntable.current!.getWorldPosition(new THREE.Vector3());
    const onSelectStart = (e: XRInputSourceEvent) => {
      const r = rayOf(e.frame, e.inputSource, e.inputSource.targetRaySpace);
      const t = turntable.current;
      if (!r || !t) return;
      const tap = taps.hit(r.origin, r.dir);
      if (tap) return tap();
      if (new THREE.Raycaster(r.origin, r.dir).intersectObject(t, true).length === 0) return;
      const c = centre();
      drag.current = { source: e.inputSource, startAngle: Math.atan2(r.origin.x - c.x, r.origin.z - c.z), startYaw: t.rotation.y };
    };
    const onSelectEnd = (e: XRInputSourceEvent) => {
      if (drag.current?.source === e.inputSource) drag.current = null;
    };
    const onSqueezeStart = (e: XRInputSourceEvent) => {
      const r = e.inputSource.gripSpace && rayOf(e.frame, e.inputSource, e.inputSource.gripSpace);
      const t = turntable.current;
      if (!r || !t || r.origin.distanceTo(t.getWorldPosition(new THREE.Vector3())) > 0.9) return;
      grab.current = { source: e.inputSource, offset: t.getWorldPosition(new THREE.Vector3()).sub(r.origin) };
    };
    const onSqueezeEnd = (e: XRInputSourceEvent) => {
      if (grab.current?.source !== e.inputSource) return;
      grab.current = null;
      turntable.current?.position.set(0, VR_TABLE_TOP, 0); // set back on the table
    };
    session.addEventListener('selectstart', onSelectStart);
    session.addEventListener('selectend', onSelectEnd);
    session.addEventListener('squeezestart', onSqueezeStart);
    session.addEventListener('squeezeend', onSqueezeEnd);
    return () => {
      session.removeEventListener('selectstart', onSelectStart);
      session.removeEventListener('selectend', onSelectEnd);
      session.removeEventListener('squeezestart', onSqueezeStart);
      session.removeEventListener('squeezeend', onSqueezeEnd);
    };
  }, [session, taps, turntable]); // eslint-disable-line react-hooks/exhaustive-deps
  useFrame((_s, delta, frame) => {
    const t = turntable.current;
    if (!t || !frame) return;
    if (drag.current) {
      const r = rayOf(frame, drag.current.source, drag.current.source.targetRaySpace);
      if (r) {
        const c = t.getWorldPosition(new THREE.Vector3());
        t.rotation.y = drag.current.startYaw + Math.atan2(r.origin.x - c.x, r.origin.z - c.z) - drag.current.startAngle;
      }
    }
    if (grab.current?.source.gripSpace) {
      const r = rayOf(frame, grab.current.source, grab.current.source.gripSpace);
      if (r && t.parent) t.position.copy(t.parent.worldToLocal(r.origin.add(grab.current.offset)));
    }
    for (const s of frame.session.inputSources) {
      const x = s.gamepad?.axes[2] ?? 0;
      if (Math.abs(x) > 0.2) t.rotation.y -= x * delta * 1.5;
    }
  });
}
