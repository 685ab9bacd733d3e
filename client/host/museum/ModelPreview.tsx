import { Canvas, useFrame, useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Bounds, ModelCamera } from '@protocol';
import { homeCamera } from '../../model/orbitCamera.ts';
import { ExhibitModel } from '../../scene/ExhibitModel.tsx';
import type { InfoPointDraft } from './exhibitDraft.ts';
import { useMuseumMessages } from './useMuseumMessages.ts';
import { prefetchRoomEnvironment } from '../../model/earlyRoomEnvironment.ts';
import { roomEnvironmentNow } from '../../model/roomEnvironment.ts';

// The preview opens after an upload: the light's file has long arrived by then.
prefetchRoomEnvironment();

type Vec3 = [number, number, number];

/** What the editor asks the preview: where its camera is now ("set camera for this point"). */
export interface ModelPreviewHandle {
  camera(): ModelCamera | null;
}

// A click that moved farther than this (px) was a turn of the model, not a pick.
const CLICK_SLOP_PX = 5;

/**
 * The exhibit's model to orbit and click: a click on its surface reports the point and
 * the surface's normal in model space (a raycast), where the editor adds an info point.
 * The info points show as numbered buttons on the model. Renders on demand (no frame loop
 * while nothing moves). The numeric form beside it does the same by keyboard.
 */
export function ModelPreview({
  ref,
  url,
  bounds,
  title,
  points,
  selected,
  onPick,
  onSelect,
}: {
  ref?: React.Ref<ModelPreviewHandle>;
  url: string;
  bounds: Bounds;
  title: string;
  points: InfoPointDraft[];
  selected: string | null;
  onPick: (at: { position: Vec3; normal?: Vec3 }) => void;
  onSelect: (id: string) => void;
}) {
  const { mm } = useMuseumMessages();
  const [progress, setProgress] = useState(0);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const stage = useRef<StageApi | null>(null);
  useImperativeHandle(ref, () => ({ camera: () => (state === 'ready' ? (stage.current?.camera() ?? null) : null) }), [state]);
  const overlay = useRef<HTMLDivElement>(null);
  // Clip planes from the model's size: a 2 cm brooch and a 200 m site both stay sharp.
  const radius = Math.max(1e-3, Math.hypot(bounds.max[0] - bounds.min[0], bounds.max[1] - bounds.min[1], bounds.max[2] - bounds.min[2]) / 2);

  if (state === 'failed')
    return (
      <p className="host-hint host-preview-failed" role="status">
        {mm.previewFailed}
      </p>
    );
  return (
    <div className="host-preview" role="group" aria-label={mm.previewLabel(title)}>
      <p className="host-hint">{mm.previewHelp}</p>
      <div className="host-preview-stage" data-state={state}>
        <Canvas frameloop="demand" dpr={[1, 2]} camera={{ fov: 40, near: radius / 200, far: radius * 60 }} gl={{ preserveDrawingBuffer: true }} aria-hidden="true">
          <Stage
            stage={stage}
            bounds={bounds}
            url={url}
            points={points}
            overlay={overlay}
            onProgress={setProgress}
            onReady={() => setState('ready')}
            onFailed={() => setState('failed')}
            onPick={onPick}
          />
        </Canvas>
        {/* Real buttons over the canvas, moved each frame to their point on the model. */}
        <div className="host-preview-points" ref={overlay}>
          {state === 'ready' &&
            points.map((p, i) => (
              <button
                key={p.id}
                type="button"
                data-point={p.id}
                className={selected === p.id ? 'host-preview-point selected' : 'host-preview-point'}
                aria-label={p.title.trim() ? `${mm.pointN(i + 1)}: ${p.title.trim()}` : mm.pointN(i + 1)}
                aria-pressed={selected === p.id}
                onClick={() => onSelect(p.id)}
              >
                {i + 1}
              </button>
            ))}
        </div>
        {state === 'loading' && (
          <div className="host-preview-loading">
            <progress max={100} value={Math.round(progress * 100)} aria-label={mm.previewLoading} />
            <span>{mm.previewLoading}</span>
          </div>
        )}
      </div>
      <div className="host-actions">
        <button type="button" className="host-small" disabled={state !== 'ready'} onClick={() => stage.current?.reset()}>
          {mm.resetView}
        </button>
      </div>
    </div>
  );
}

interface StageApi {
  camera(): ModelCamera;
  reset(): void;
}

function Stage({
  stage,
  bounds,
  url,
  points,
  overlay,
  onProgress,
  onReady,
  onFailed,
  onPick,
}: {
  stage: React.RefObject<StageApi | null>;
  bounds: Bounds;
  url: string;
  points: InfoPointDraft[];
  overlay: React.RefObject<HTMLDivElement | null>;
  onProgress: (f: number) => void;
  onReady: () => void;
  onFailed: () => void;
  onPick: (at: { position: Vec3; normal?: Vec3 }) => void;
}) {
  const { camera, gl, scene, size, invalidate } = useThree();
  const cam = camera as THREE.PerspectiveCamera;
  const [controls, setControls] = useState<OrbitControls | null>(null);
  const pointsRef = useRef(points);
  pointsRef.current = points;

  // The visitor's light (prefiltered at build time; its file is asked for when this module loads).
  useLayoutEffect(() => {
    const env = roomEnvironmentNow(gl);
    scene.environment = env.texture;
    // Dark, as in the visitor's viewer: pale marble and white plaster stand out from it.
    scene.background = new THREE.Color('#1e252c');
    return () => {
      scene.environment = null;
      scene.background = null;
      env.dispose();
    };
  }, [gl, scene]);

  useEffect(() => {
    const c = new OrbitControls(cam, gl.domElement);
    const onChange = () => invalidate();
    c.addEventListener('change', onChange);
    setControls(c);
    return () => {
      c.removeEventListener('change', onChange);
      c.dispose();
    };
  }, [cam, gl, invalidate]);

  useEffect(() => {
    if (!controls) return;
    const put = (v: ModelCamera) => {
      cam.position.set(...v.position);
      controls.target.set(...v.target);
      cam.fov = v.fov ?? 40;
      cam.updateProjectionMatrix();
      controls.update();
      invalidate();
    };
    const reset = () => put(homeCamera(bounds, size.width / Math.max(1, size.height), 40));
    stage.current = {
      camera: () => ({ position: cam.position.toArray().map(round) as Vec3, target: controls.target.toArray().map(round) as Vec3, fov: round(cam.fov) }),
      reset,
    };
    return () => {
      stage.current = null;
    };
  }, [controls, cam, bounds, size, invalidate, stage]);

  // The first view frames the whole model; a resize keeps the host's view.
  const framed = useRef(false);
  useEffect(() => {
    if (!controls || framed.current) return;
    framed.current = true;
    stage.current?.reset();
  }, [controls, stage]);

  // The info point buttons follow their points on every frame drawn (frames are drawn on demand).
  const v = useRef(new THREE.Vector3());
  useFrame(() => {
    const el = overlay.current;
    if (!el) return;
    for (const p of pointsRef.current) {
      const b = el.querySelector<HTMLElement>(`[data-point="${CSS.escape(p.id)}"]`);
      if (!b) continue;
      const at = v.current.set(...p.position).project(cam);
      const visible = at.z < 1 && Math.abs(at.x) <= 1.05 && Math.abs(at.y) <= 1.05;
      b.style.transform = `translate(${(((at.x + 1) / 2) * size.width).toFixed(1)}px, ${(((1 - at.y) / 2) * size.height).toFixed(1)}px) translate(-50%, -50%)`;
      b.dataset.onscreen = visible ? '1' : '0';
    }
  });
  // A point added, moved or renumbered: draw once so its button moves with it.
  useEffect(() => invalidate(), [points, invalidate]);

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    // A drag to orbit ends in a click too; only a still click adds a point.
    if (e.delta > CLICK_SLOP_PX) return;
    e.stopPropagation();
    const n = e.face ? e.face.normal.clone().transformDirection(e.object.matrixWorld) : null;
    onPick({ position: e.point.toArray().map(round) as Vec3, normal: n ? (n.toArray().map(round) as Vec3) : undefined });
  };

  return (
    <>
      <directionalLight position={[3, 5, 4]} intensity={1.2} />
      <group onClick={onClick}>
        <ExhibitModel
          url={url}
          onProgress={onProgress}
          onLoad={() => {
            onReady();
            invalidate();
          }}
          onError={onFailed}
        />
      </group>
    </>
  );
}

const round = (n: number) => Math.round(n * 10000) / 10000;
