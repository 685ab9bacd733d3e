import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { useXR, useXRHitTest } from '@react-three/xr';
import * as THREE from 'three';
import type { Exhibit } from '@protocol';
import type { Lang } from '../i18n/messages.ts';
import { arMessages } from '../i18n/arMessages.ts';
import { arCoaching } from '../xr/ar/arCoaching.ts';
import type { ArPose } from '../xr/ar/arPlacement.ts';
import type { ArStage, ArStageModel } from '../xr/ar/ArStage.ts';
import { ArTapTargets } from '../xr/ar/ArTapTargets.ts';
import { CanvasPanel } from '../xr/ar/canvasPanel.ts';
import { EraPlayer } from '../xr/ar/EraPlayer.ts';
import { EraTimeline } from '../xr/ar/EraTimeline.ts';
import { useArModel } from '../xr/ar/useArModel.ts';
import { ArExhibitInfoPoints } from './ArExhibitInfoPoints.tsx';
import { ArTapContext, useArTap } from './ArExhibitTapContext.ts';
import { SandTableEras } from './SandTableEras.tsx';

/** What the AR view shares with tests and the page: the loaded roots and era players per placed model. */
export interface ArSceneRegistry {
  roots: Map<string, THREE.Object3D>;
  players: Map<string, EraPlayer>;
  anchors: Map<string, XRAnchor>;
  /** The R3F scene, for tests that look objects up by name. */
  scene?: THREE.Scene;
}

const tmpM = new THREE.Matrix4();
const tmpP = new THREE.Vector3();
const tmpQ = new THREE.Quaternion();
const tmpS = new THREE.Vector3();

function poseOf(m: THREE.Matrix4 | Float32Array | DOMMatrixReadOnly | number[]): ArPose {
  (m instanceof THREE.Matrix4 ? tmpM.copy(m) : tmpM.fromArray(Array.from(m as ArrayLike<number>))).decompose(tmpP, tmpQ, tmpS);
  return { position: [tmpP.x, tmpP.y, tmpP.z], orientation: [tmpQ.x, tmpQ.y, tmpQ.z, tmpQ.w] };
}

/**
 * The AR scene (inside <XR>): the hit-test reticle, the models placed (each anchored), their
 * info points and the sand table's eras, coaching in front of the viewer, and a row of 3D
 * buttons to choose what the next tap places. Taps are XR selects, raycast here.
 */
export function ArExhibitScene({ stage, exhibits, lang, registry }: { stage: ArStage; exhibits: Exhibit[]; lang: Lang; registry: ArSceneRegistry }) {
  const taps = useMemo(() => new ArTapTargets(), []);
  const subscribe = useCallback((l: () => void) => stage.onChange(l), [stage]);
  const version = useSyncExternalStore(subscribe, () => stage.version);
  const models = useMemo(() => [...stage.models], [stage, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const byId = useMemo(() => new Map(exhibits.map((e) => [e.id, e])), [exhibits]);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    registry.scene = scene;
  }, [registry, scene]);
  return (
    <ArTapContext.Provider value={taps}>
      <ambientLight intensity={1.2} />
      <directionalLight position={[1, 3, 2]} intensity={2} />
      <ArInput stage={stage} taps={taps} registry={registry} />
      <Reticle stage={stage} />
      {models.map((m) => {
        const ex = byId.get(m.exhibitId);
        return ex ? <PlacedModel key={m.key} model={m} exhibit={ex} stage={stage} lang={lang} registry={registry} open={stage.caption?.key === m.key ? stage.caption.infoPointId : null} /> : null;
      })}
      <HeadLocked>
        <CoachingPanel stage={stage} lang={lang} />
        {exhibits.length > 1 && <PlaceBar stage={stage} exhibits={exhibits} lang={lang} />}
      </HeadLocked>
    </ArTapContext.Provider>
  );
}

/** Hit test from the centre of the view, tracking state, anchors, taps and two-finger gestures. */
function ArInput({ stage, taps, registry }: { stage: ArStage; taps: ArTapTargets; registry: ArSceneRegistry }) {
  const gl = useThree((s) => s.gl);
  const session = useXR((s) => s.session);
  const hit = useRef<ArPose | null>(null);
  const pending = useRef<{ origin: THREE.Vector3; dir: THREE.Vector3 }[]>([]);
  const suppressUntil = useRef(0);
  useXRHitTest((results, getWorldMatrix) => {
    hit.current = results.length > 0 && getWorldMatrix(tmpM, results[0]) ? poseOf(tmpM) : null;
  }, 'viewer');
  useEffect(() => {
    if (!session) return;
    const onSelect = (e: XRInputSourceEvent) => {
      const ref = gl.xr.getReferenceSpace();
      // A finger lifted at the end of a pinch is not a tap.
      if (!ref || performance.now() < suppressUntil.current) return;
      const pose = e.frame.getPose(e.inputSource.targetRaySpace, ref);
      if (!pose) return;
      const m = tmpM.fromArray(Array.from(pose.transform.matrix));
      const origin = new THREE.Vector3().setFromMatrixPosition(m);
      const dir = new THREE.Vector3(-m.elements[8], -m.elements[9], -m.elements[10]).normalize();
      pending.current.push({ origin, dir });
    };
    session.addEventListener('select', onSelect);
    return () => session.removeEventListener('select', onSelect);
  }, [session, gl]);
  useFrame((state, _delta, frame) => {
    const ref = gl.xr.getReferenceSpace();
    if (!frame || !ref) return;
    const now = performance.now();
    const viewer = frame.getViewerPose(ref);
    stage.placement.frame(now, { tracked: !!viewer && !viewer.emulatedPosition, hit: hit.current });
    // Each anchored model follows its anchor; an untracked anchor leaves the last pose standing.
    for (const m of stage.models) {
      const a = registry.anchors.get(m.key);
      if (!a) continue;
      const p = frame.trackedAnchors && !frame.trackedAnchors.has(a) ? null : frame.getPose(a.anchorSpace, ref);
      m.pose.setAnchor(p ? poseOf(p.transform.matrix) : null);
    }
    gestures(frame.session, stage, now, suppressUntil);
    const cam = state.camera.getWorldPosition(new THREE.Vector3());
    for (const tap of pending.current.splice(0)) {
      const onTap = taps.hit(tap.origin, tap.dir);
      if (onTap) {
        onTap();
        continue;
      }
      const placed = stage.placeAtReticle(now, [cam.x, cam.y, cam.z]);
      if (placed) anchor(frame, ref, placed, stage, registry);
    }
  });
  return null;
}

/** Anchors a just-placed model where the device supports anchors; else it keeps the hit pose. */
function anchor(frame: XRFrame, ref: XRReferenceSpace, m: ArStageModel, stage: ArStage, registry: ArSceneRegistry) {
  if (typeof frame.createAnchor !== 'function') return;
  const p = new THREE.Vector3(), q = new THREE.Quaternion();
  m.pose.anchor.decompose(p, q, new THREE.Vector3());
  frame
    .createAnchor(new XRRigidTransform({ x: p.x, y: p.y, z: p.z }, { x: q.x, y: q.y, z: q.z, w: q.w }), ref)
    ?.then((a) => {
      if (stage.models.includes(m)) registry.anchors.set(m.key, a);
      else a.delete();
    })
    .catch(() => {}); // no anchor: the hit pose stands, as on devices without the feature
}

/** Two touches on a phone screen (transient 'screen' inputs, axes −1…1, y down): pinch and twist. */
function gestures(session: XRSession, stage: ArStage, now: number, suppressUntil: { current: number }) {
  const touches = [...session.inputSources].filter((s) => s.targetRayMode === 'screen' && (s.gamepad?.axes.length ?? 0) >= 2);
  if (touches.length >= 2) {
    const aspect = innerWidth / Math.max(1, innerHeight);
    const [a, b] = touches.map((s) => ({ x: s.gamepad!.axes[0] * aspect, y: s.gamepad!.axes[1] }));
    if (stage.gesturing) stage.gestureMove(a, b);
    else stage.gestureStart(a, b);
    suppressUntil.current = now + 400;
  } else if (stage.gesturing) {
    stage.gestureEnd();
    suppressUntil.current = now + 400;
  }
}

/** A ring lying on the surface under the centre of the view. */
function Reticle({ stage }: { stage: ArStage }) {
  const ref = useRef<THREE.Mesh>(null);
  useFrame(() => {
    const r = ref.current;
    const pose = stage.placement.snapshot.reticle;
    if (!r) return;
    r.visible = !!pose;
    if (!pose) return;
    r.position.set(...pose.position);
    // Lie flat on the surface: the hit pose's y axis is the surface normal; the ring is in x–y.
    r.quaternion.set(...pose.orientation).multiply(tmpQ.setFromAxisAngle(new THREE.Vector3(1, 0, 0), -Math.PI / 2));
  });
  return (
    <mesh ref={ref} name="ar-reticle" visible={false} renderOrder={999}>
      <ringGeometry args={[0.06, 0.08, 48]} />
      <meshBasicMaterial color="#ffffff" transparent opacity={0.9} depthTest={false} toneMapped={false} side={THREE.DoubleSide} />
    </mesh>
  );
}

function PlacedModel({
  model,
  exhibit,
  stage,
  lang,
  registry,
  open,
}: {
  model: ArStageModel;
  exhibit: Exhibit;
  stage: ArStage;
  lang: Lang;
  registry: ArSceneRegistry;
  open: string | null;
}) {
  const group = useRef<THREE.Group>(null);
  const loaded = useArModel(exhibit.phoneModelUrl ?? exhibit.modelUrl);
  // One copy per placement (the same exhibit may stand twice); geometry and materials are shared.
  const root = useMemo(() => loaded?.clone(true) ?? null, [loaded]);
  const player = useMemo(() => (exhibit.eras?.length ? new EraPlayer(new EraTimeline(exhibit.eras)) : null), [exhibit]);
  useEffect(() => {
    if (!root) return;
    registry.roots.set(model.key, root);
    if (player) {
      registry.players.set(model.key, player);
      player.play(performance.now()); // the site rises as soon as it stands on the table
    }
    return () => {
      registry.roots.delete(model.key);
      registry.players.delete(model.key);
    };
  }, [root, player, model.key, registry]);
  useEffect(
    () => () => {
      registry.anchors.get(model.key)?.delete();
      registry.anchors.delete(model.key);
    },
    [model.key, registry],
  );
  useFrame(() => {
    const g = group.current;
    if (!g) return;
    g.matrix.copy(model.pose.worldMatrix());
    g.matrixWorldNeedsUpdate = true;
  });
  const select = useCallback(() => stage.select(model.key), [stage, model.key]);
  const body = useRef<THREE.Group>(null);
  useArTap(body, select, 1);
  return (
    <group ref={group} name={`ar-model:${model.key}`} matrixAutoUpdate={false}>
      <group ref={body}>{root && <primitive object={root} />}</group>
      {root && player && <SandTableEras root={root} exhibit={exhibit} player={player} lang={lang} />}
      {root && <ArExhibitInfoPoints points={exhibit.infoPoints} open={open} lang={lang} onToggle={(id) => stage.toggleInfoPoint(model.key, id)} />}
    </group>
  );
}

/** Children ride in front of the viewer (coaching, buttons): 0.6 m ahead, a little low. */
function HeadLocked({ children }: { children: React.ReactNode }) {
  const ref = useRef<THREE.Group>(null);
  useFrame((state) => {
    const g = ref.current;
    if (!g) return;
    state.camera.getWorldPosition(g.position);
    state.camera.getWorldQuaternion(g.quaternion);
    g.translateZ(-0.6);
  });
  return <group ref={ref}>{children}</group>;
}

function CoachingPanel({ stage, lang }: { stage: ArStage; lang: Lang }) {
  const panel = useMemo(() => new CanvasPanel(1024, 160), []);
  useEffect(() => () => panel.dispose(), [panel]);
  const mesh = useRef<THREE.Mesh>(null);
  const shown = useRef<string | null | undefined>(undefined);
  useFrame(() => {
    const key = arCoaching(stage.placement.snapshot, performance.now());
    if (key !== shown.current) {
      shown.current = key;
      if (key) panel.draw({ title: arMessages(lang).coaching[key] }, { titlePx: 54 });
      if (mesh.current) {
        mesh.current.visible = !!key;
        mesh.current.userData.coaching = key;
      }
    }
  });
  return (
    <mesh ref={mesh} name="ar-coaching" position={[0, -0.16, 0]} renderOrder={1003} visible={false}>
      <planeGeometry args={[0.3, 0.3 * (160 / 1024)]} />
      <meshBasicMaterial map={panel.texture} transparent depthTest={false} toneMapped={false} />
    </mesh>
  );
}

/** A row of buttons along the top: which exhibit the next tap places (several models in one scene). */
function PlaceBar({ stage, exhibits, lang }: { stage: ArStage; exhibits: Exhibit[]; lang: Lang }) {
  const shown = exhibits.slice(0, 4);
  const w = 0.075;
  return (
    <group position={[(-(shown.length - 1) * (w + 0.01)) / 2, 0.15, 0]}>
      {shown.map((e, i) => (
        <PlaceButton key={e.id} exhibit={e} stage={stage} lang={lang} x={i * (w + 0.01)} w={w} />
      ))}
    </group>
  );
}

function PlaceButton({ exhibit, stage, lang, x, w }: { exhibit: Exhibit; stage: ArStage; lang: Lang; x: number; w: number }) {
  const subscribe = useCallback((l: () => void) => stage.onChange(l), [stage]);
  const active = useSyncExternalStore(subscribe, () => stage.next.id === exhibit.id);
  const panel = useMemo(() => {
    const p = new CanvasPanel(512, 256);
    p.draw({ title: lang === 'zh-CN' && exhibit.titleZh ? exhibit.titleZh : exhibit.title, foot: active ? arMessages(lang).placeNext : undefined }, { titlePx: 46, footPx: 36 });
    return p;
  }, [exhibit, lang, active]);
  useEffect(() => () => panel.dispose(), [panel]);
  const ref = useRef<THREE.Mesh>(null);
  useArTap(ref, () => stage.setNext({ id: exhibit.id, arScale: exhibit.arScale }), 3);
  return (
    <mesh ref={ref} name={`ar-place:${exhibit.id}`} position={[x, 0, 0]} renderOrder={1003}>
      <planeGeometry args={[w, w / 2]} />
      <meshBasicMaterial map={panel.texture} transparent opacity={active ? 1 : 0.7} depthTest={false} toneMapped={false} />
    </mesh>
  );
}
