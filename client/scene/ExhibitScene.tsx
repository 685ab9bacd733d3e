import { AdaptiveDpr, OrbitControls } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import * as THREE from 'three';
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib';
import type { Exhibit, ModelCamera } from '@protocol';
import type { ExhibitController } from '../model/ExhibitController.ts';
import { FramePace } from '../model/FramePace.ts';
import { boundingSphere, DEFAULT_FOV } from '../model/orbitCamera.ts';
import { roomEnvironment } from '../model/roomEnvironment.ts';
import { ExhibitModel } from './ExhibitModel.tsx';

export interface ExhibitSceneProps {
  exhibit: Exhibit;
  /** The rendition to load (see client/model/pickRendition.ts). */
  url: string;
  expectedBytes: number;
  controller: ExhibitController;
  /** The numbered buttons' accessible names, in order of exhibit.infoPoints. */
  pointLabels: string[];
  onProgress: (fraction: number) => void;
  onError: (e: Error) => void;
  /** The model has been drawn once (the poster may go). */
  onFirstFrame: () => void;
  onOpenPoint: (id: string) => void;
  /** More of the scene once the model is in (a guided session's laser dot and its picking); gets the model's root. */
  extras?: (root: THREE.Object3D) => React.ReactNode;
  /** glTF node names to hide (a site model shown at one era: later eras' buildings). */
  hiddenNodes?: ReadonlySet<string>;
}

/**
 * The exhibit in R3F: its model lit by three's RoomEnvironment, prefiltered at build time
 * (client/model/roomEnvironment.ts), and shown once that light is in — never a frame of it unlit; drei's OrbitControls bound to the ExhibitController, and the numbered info points
 * as real DOM buttons over the canvas that hide when they face away or the model is in front
 * of them. Renders on demand: an idle exhibit costs no frames.
 */
export function ExhibitScene(props: ExhibitSceneProps) {
  const { exhibit, controller } = props;
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [root, setRoot] = useState<THREE.Object3D | null>(null);
  const [lit, setLit] = useState(false);
  const { radius } = boundingSphere(exhibit.bounds);
  const active = useActivePoint(controller);
  return (
    <div className="exhibit-scene">
      <Canvas
        frameloop="demand"
        dpr={[1, 2]}
        // While the camera moves on a device that cannot keep up, half the resolution; full again 300 ms after it rests.
        performance={{ min: 0.5, debounce: 300 }}
        camera={{ fov: DEFAULT_FOV, near: radius / 200, far: radius * 60, position: controller.camera().position }}
        gl={{ antialias: true, preserveDrawingBuffer: false }}
        onCreated={({ gl }) => {
          performance.mark('vantage:exhibit:gl');
          gl.setClearColor('#1e252c');
        }}
        aria-hidden="true"
      >
        <AdaptiveDpr />
        <Lighting onLit={setLit} />
        <group visible={lit}>
          <ExhibitModel url={props.url} expectedBytes={props.expectedBytes} onProgress={props.onProgress} onError={props.onError} onLoad={setRoot} />
        </group>
        <ControllerBinding controller={controller} />
        {root && lit && <PointTracker exhibit={exhibit} root={root} radius={radius} buttons={buttons.current} onFirstFrame={props.onFirstFrame} />}
        {root && props.extras?.(root)}
        {root && props.hiddenNodes && <NodeHider root={root} hidden={props.hiddenNodes} />}
      </Canvas>
      <div className="exhibit-points">
        {exhibit.infoPoints.map((p, i) => (
          <button
            key={p.id}
            ref={(el) => void (el ? buttons.current.set(p.id, el) : buttons.current.delete(p.id))}
            type="button"
            className="exhibit-point"
            data-visible="0"
            aria-label={props.pointLabels[i]}
            aria-pressed={active === p.id}
            onClick={() => props.onOpenPoint(p.id)}
          >
            {i + 1}
          </button>
        ))}
      </div>
    </div>
  );
}

function useActivePoint(controller: ExhibitController): string | null {
  const [active, setActive] = useState(controller.activeInfoPoint);
  useEffect(() => controller.onChange((c) => setActive(c.activeInfoPoint)), [controller]);
  return active;
}

/** Image-based light from three's procedural room (prefiltered at build time), plus a key light for shape. */
function Lighting({ onLit }: { onLit: (lit: boolean) => void }) {
  const { gl, scene, invalidate } = useThree();
  useEffect(() => {
    let light: { dispose(): void } | undefined;
    let gone = false;
    void roomEnvironment(gl).then((l) => {
      if (gone) return l.dispose();
      light = l;
      scene.environment = l.texture;
      performance.mark('vantage:exhibit:environment');
      onLit(true);
      invalidate();
    });
    return () => {
      gone = true;
      scene.environment = null;
      light?.dispose();
      onLit(false);
    };
  }, [gl, scene, invalidate, onLit]);
  return <directionalLight position={[3, 6, 5]} intensity={1.2} />;
}

/**
 * Keeps three's camera and the controller in step: the controller's changes (flights, keys,
 * a docent's camera) are copied to the camera and the controls' target; a drag, wheel or
 * pinch on the controls is reported back as the user's camera and ends a flight.
 */
function ControllerBinding({ controller }: { controller: ExhibitController }) {
  const { camera, size, invalidate } = useThree();
  const controls = useRef<OrbitControlsImpl>(null);
  const applying = useRef(false);
  const cam = camera as THREE.PerspectiveCamera;

  const apply = (c: ModelCamera) => {
    cam.position.set(...c.position);
    const fov = c.fov ?? DEFAULT_FOV;
    if (cam.fov !== fov) {
      cam.fov = fov;
      cam.updateProjectionMatrix();
    }
    const ctl = controls.current;
    if (ctl) {
      ctl.target.set(...c.target);
      // Inside update() the controls see their own move: not the user's.
      applying.current = true;
      ctl.update();
      applying.current = false;
    } else cam.lookAt(...c.target);
    invalidate();
  };

  // The home view fits this viewport (the controller keeps a camera someone has moved).
  useLayoutEffect(() => controller.setAspect(size.width / Math.max(1, size.height)), [controller, size.width, size.height]);

  useLayoutEffect(() => {
    apply(controller.camera());
    return controller.onChange((c) => {
      // The controls' own move, reported back by fromControls: the camera is there already.
      if (applying.current) return;
      apply(c.camera);
    });
    // apply reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller]);

  const regress = useThree((s) => s.performance.regress);
  const pace = useRef(new FramePace());
  const slow = useRef(false);
  useFrame(() => {
    slow.current = pace.current.frame(performance.now());
    if (controller.tick()) invalidate();
  });

  const fromControls = () => {
    if (applying.current || !controls.current) return;
    if (slow.current) regress();
    const t = controls.current.target;
    const c: ModelCamera = { position: [cam.position.x, cam.position.y, cam.position.z], target: [t.x, t.y, t.z], fov: cam.fov };
    applying.current = true;
    controller.setCamera(c, 'user');
    applying.current = false;
  };

  return (
    <OrbitControls
      ref={controls}
      makeDefault
      enableDamping={false}
      minDistance={controller.minDistance}
      maxDistance={controller.maxDistance}
      onStart={() => controller.interrupt()}
      onChange={fromControls}
    />
  );
}

/**
 * Moves each info point's button to where its point is on screen and hides it when it faces
 * away from the camera, is behind the camera, or the model covers it (a ray from the camera
 * hits the model first; at most every 150 ms, the last one always run).
 */
/** Hides the named nodes of the loaded model (by glTF node name, as the AR sand table finds them) and shows the rest again. */
function NodeHider({ root, hidden }: { root: THREE.Object3D; hidden: ReadonlySet<string> }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const touched: THREE.Object3D[] = [];
    for (const name of hidden) {
      const obj = root.getObjectByName(name);
      if (obj) {
        obj.visible = false;
        touched.push(obj);
      }
    }
    invalidate();
    return () => {
      for (const obj of touched) obj.visible = true;
      invalidate();
    };
  }, [root, hidden, invalidate]);
  return null;
}

function PointTracker({ exhibit, root, radius, buttons, onFirstFrame }: { exhibit: Exhibit; root: THREE.Object3D; radius: number; buttons: Map<string, HTMLButtonElement>; onFirstFrame: () => void }) {
  const invalidate = useThree((s) => s.invalidate);
  const state = useRef({ lastRay: -Infinity, movedAt: -Infinity, timer: 0 as ReturnType<typeof setTimeout> | 0, occluded: new Map<string, boolean>(), drawn: false, last: new THREE.Matrix4() });
  const tmp = useRef({ p: new THREE.Vector3(), n: new THREE.Vector3(), to: new THREE.Vector3(), ray: new THREE.Raycaster(), hits: [] as THREE.Intersection[] });
  useEffect(() => {
    const s = state.current;
    // A frame for the buttons (and the first-frame report), whatever drew the model.
    invalidate();
    return () => void (s.timer && clearTimeout(s.timer));
  }, [invalidate]);

  useFrame(({ camera, size }) => {
    const s = state.current, { p, n, to, ray, hits } = tmp.current;
    const now = performance.now();
    camera.updateMatrixWorld();
    // Rays against a model of many triangles cost tens of ms each on a phone: cast them once the
    // camera has rested (~150 ms), never while it orbits — that is where frames must stay even.
    // Meanwhile a button keeps its last occlusion and still hides when its surface faces away.
    if (!s.last.equals(camera.matrixWorld)) {
      s.last.copy(camera.matrixWorld);
      s.movedAt = now;
    }
    const castRays = now - s.movedAt >= 150 && s.lastRay < s.movedAt;
    if (castRays) s.lastRay = now;
    else if (s.lastRay < s.movedAt && !s.timer) s.timer = setTimeout(() => ((s.timer = 0), invalidate()), 160);
    for (const point of exhibit.infoPoints) {
      const el = buttons.get(point.id);
      if (!el) continue;
      p.set(...point.position);
      to.subVectors(camera.position, p);
      const facing = !point.normal || n.set(...point.normal).dot(to) > 0;
      if (castRays) {
        const d = to.length();
        ray.set(camera.position, to.multiplyScalar(-1 / d));
        ray.far = d;
        hits.length = 0;
        ray.intersectObject(root, true, hits);
        // A hidden node (a later era of a sand table) is not in the way.
        const hit = hits.find((h) => shown(h.object));
        s.occluded.set(point.id, !!hit && hit.distance < d - radius * 0.03);
      }
      p.project(camera);
      const onScreen = p.z < 1 && Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1;
      const x = ((p.x + 1) / 2) * size.width, y = ((1 - p.y) / 2) * size.height;
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -50%)`;
      el.dataset.visible = facing && onScreen && !s.occluded.get(point.id) ? '1' : '0';
    }
    if (!s.drawn) {
      s.drawn = true;
      // This frame is drawn after the callbacks; the poster goes once it is on screen.
      requestAnimationFrame(() => {
        performance.mark('vantage:exhibit:first-frame');
        onFirstFrame();
      });
    }
  });
  return null;
}

/** Whether the object and every ancestor are visible (a raycast hits hidden meshes too). */
function shown(o: THREE.Object3D | null): boolean {
  for (; o; o = o.parent) if (!o.visible) return false;
  return true;
}
