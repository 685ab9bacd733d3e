import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { XR, useXR } from '@react-three/xr';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as THREE from 'three';
import type { Angle } from '@protocol';
import type { ShowMessages } from '../i18n/showMessages.ts';
import { aimCamera } from '../viewer/aimCamera.ts';
import { attachGyro } from '../viewer/GyroController.ts';
import { GyroButton } from '../tour/GyroButton.tsx';
import { ViewController } from '../viewer/ViewController.ts';
import type { createVantageXrStore } from '../xr/createVantageXrStore.ts';
import type { ShowPlayer } from './ShowPlayer.ts';

type XrStore = ReturnType<typeof createVantageXrStore>;

/**
 * A 360° angle shown big: its <video> (already playing, muted or not) as a texture inside a
 * sphere. Drag, arrows or the phone's motion look around; in a headset the other angles hang
 * as video panels in an arc below the horizon, and pointing at one switches the sound to it.
 * A stereo top-bottom video shows its left eye (the top half) on a flat screen.
 */
export default function Sphere360({
  player,
  angle,
  label,
  xrStore,
  inVr,
  onEnterVr,
  onExitVr,
  m,
  viewController,
}: {
  player: ShowPlayer;
  angle: Angle;
  label: string;
  xrStore: XrStore;
  inVr: boolean;
  onEnterVr: () => void;
  onExitVr: () => void;
  m: ShowMessages;
  /** A guided session's own view (the lead's poses and a follower's steering go through it); the session disposes it. */
  viewController?: ViewController;
}) {
  const view = useMemo(() => viewController ?? new ViewController({ yaw: angle.yaw ?? 0, pitch: 0, fov: 90 }), [angle.id, viewController]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => void (view !== viewController && view.dispose()), [view, viewController]);
  const host = useRef<HTMLDivElement>(null);
  // Arrows work from anywhere on the page (the digits and M are the show's, the arrows the sphere's).
  useEffect(() => (host.current ? view.attach(host.current, window) : undefined), [view]);
  const [gyro, setGyro] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => (gyro ? attachGyro(() => view.view, (v) => view.setView(v)) : undefined), [gyro, view]);
  const vr = useVrSupported();
  const video = player.players.get(angle.id)?.video;
  if (!video) return null;
  // The tools sit beside the drag surface, not in it: the surface captures the pointer on
  // pointerdown, which would turn a press on a button into a click on the surface.
  return (
    <>
      <div className="show-360" ref={host} tabIndex={0} role="application" aria-label={m.view360(label)}>
        <Canvas camera={{ fov: 75, near: 0.1, far: 200, position: [0, 0, 0] }} dpr={[1, 2]} flat gl={{ antialias: false }}>
          <XR store={xrStore}>
            <VideoSphere video={video} stereo={angle.projection === '360-stereo-tb'} />
            <Rig view={view} />
            <VrPanels player={player} around={angle.id} />
          </XR>
        </Canvas>
      </div>
      <div className="show-360-tools">
        {vr && (
          <button className="primary" onClick={inVr ? onExitVr : onEnterVr}>
            {inVr ? m.exitVr : m.enterVr}
          </button>
        )}
        <GyroButton gyro={gyro} onGyro={setGyro} onRefused={() => setNote(m.gyroDenied)} labels={{ on: m.gyroOn, off: m.gyroOff }} />
        {note && <span role="status">{note}</span>}
      </div>
    </>
  );
}

function useVrSupported(): boolean {
  const [ok, setOk] = useState(false);
  useEffect(() => {
    let alive = true;
    Promise.resolve(window.__vantageXrEmulator)
      .then(() => navigator.xr?.isSessionSupported('immersive-vr'))
      .then((s) => alive && setOk(!!s), () => {});
    return () => {
      alive = false;
    };
  }, []);
  return ok;
}

/** A video texture that follows the element's frames (three re-uploads it as each frame arrives). */
function useVideoTexture(video: HTMLVideoElement, stereo = false): THREE.VideoTexture {
  const texture = useMemo(() => {
    const t = new THREE.VideoTexture(video);
    t.colorSpace = THREE.SRGBColorSpace;
    if (stereo) {
      // Top-bottom stereo: the left eye is the top half (v from 0.5 to 1).
      t.repeat.set(1, 0.5);
      t.offset.set(0, 0.5);
    }
    return t;
  }, [video, stereo]);
  useEffect(() => () => texture.dispose(), [texture]);
  return texture;
}

function VideoSphere({ video, stereo }: { video: HTMLVideoElement; stereo: boolean }) {
  const texture = useVideoTexture(video, stereo);
  // Mirrored in the geometry (not the mesh: three would undo a mirrored mesh's winding), so the
  // inside faces are the front ones; turned so the video's centre is straight ahead (−Z).
  const geometry = useMemo(() => new THREE.SphereGeometry(50, 64, 32).scale(-1, 1, 1), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry} rotation={[0, -Math.PI / 2, 0]}>
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}

/** Aims the camera from the view outside a headset; inside, the headset owns the camera. */
function Rig({ view }: { view: ViewController }) {
  const session = useXR((s) => s.session);
  const size = useThree((s) => s.size);
  useEffect(() => {
    view.enabled = !session;
  }, [session, view]);
  useFrame((state, dt) => {
    if (session) return;
    view.setViewport(size.height, size.width / size.height);
    view.tick(dt);
    aimCamera(state.camera as THREE.PerspectiveCamera, view.view, size.width / size.height);
  });
  return null;
}

/** In a headset: the other angles as panels in an arc below eye level, 2.5 m away. */
function VrPanels({ player, around }: { player: ShowPlayer; around: string }) {
  const session = useXR((s) => s.session);
  if (!session) return null;
  const others = player.angles.filter((a) => a.id !== around);
  const spread = Math.min(100, 35 * Math.max(0, others.length - 1));
  return (
    <group position={[0, 1.0, 0]}>
      {others.map((a, i) => {
        const yaw = (others.length === 1 ? 0 : -spread / 2 + (spread * i) / (others.length - 1)) * (Math.PI / 180);
        const video = player.players.get(a.id)?.video;
        return video ? (
          <group key={a.id} rotation={[0, -yaw, 0]}>
            <VideoPanel video={video} position={[0, -0.2, -2.5]} onSelect={() => player.switchTo(a.id)} />
          </group>
        ) : null;
      })}
    </group>
  );
}

function VideoPanel({ video, position, onSelect }: { video: HTMLVideoElement; position: [number, number, number]; onSelect: () => void }) {
  const texture = useVideoTexture(video);
  const aspect = video.videoWidth && video.videoHeight ? video.videoWidth / video.videoHeight : 16 / 9;
  return (
    <mesh position={position} rotation={[-0.15, 0, 0]} onClick={onSelect}>
      <planeGeometry args={[0.8 * aspect * 0.6, 0.8 * 0.6]} />
      <meshBasicMaterial map={texture} toneMapped={false} side={THREE.DoubleSide} />
    </mesh>
  );
}
