import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { roomEnvironmentNow } from '../model/roomEnvironment.ts';
import { applyCameraPose } from '../viewer/dollhouseCamera.ts';
import type { DollhouseController } from '../viewer/DollhouseController.ts';
import { orbitStep, type OrbitLimits } from '../viewer/dollhouseOrbit.ts';
import type { TourController } from '../viewer/TourController.ts';
import { verticalFov } from '../viewer/viewMath.ts';
import { DollhouseMarkerPins } from './DollhouseMarkerPins.tsx';
import { DollhouseTape } from './DollhouseTape.tsx';

const LIMITS: OrbitLimits = { minDistance: 3, maxDistance: 40, minElevation: 12, maxElevation: 89 };
const DEG = Math.PI / 180;
/** A press that moves less than this (CSS px) before release is a click, not an orbit drag. */
const CLICK_SLOP = 5;

/**
 * Binds the dollhouse to R3F: shows the model with its own light, flies out of the current
 * room on mount, orbits (three's OrbitControls) between flights, measures on click, and
 * while flying into a room lets the panorama engine fetch that room's view ahead of arrival.
 */
export function DollhouseScene({ controller, tour }: { controller: DollhouseController; tour: TourController }) {
  const { camera, gl, scene, size } = useThree();
  const cam = camera as THREE.PerspectiveCamera;
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const model = controller.model;

  // Image-based light from three's procedural room, prefiltered at build time (its file comes
  // with this chunk, see TourView's loader): metals and glazes read as such, and opening the
  // dollhouse no longer waits for ~2 s of prefiltering on the GPU.
  useLayoutEffect(() => {
    const env = roomEnvironmentNow(gl);
    const prev = { environment: scene.environment, intensity: scene.environmentIntensity };
    scene.environment = env.texture;
    scene.environmentIntensity = 0.45;
    return () => {
      scene.environment = prev.environment;
      scene.environmentIntensity = prev.intensity;
      env.dispose();
    };
  }, [gl, scene]);

  const [controls, setControls] = useState<OrbitControls | null>(null);
  useEffect(() => {
    const c = new OrbitControls(cam, gl.domElement);
    c.enableDamping = true;
    c.dampingFactor = 0.12;
    c.minDistance = LIMITS.minDistance;
    c.maxDistance = LIMITS.maxDistance;
    c.minPolarAngle = (90 - LIMITS.maxElevation) * DEG;
    c.maxPolarAngle = (90 - LIMITS.minElevation) * DEG;
    c.enabled = false;
    setControls(c);
    return () => c.dispose();
  }, [cam, gl]);

  // Fly out of the room whose panorama was on screen. The model's shaders are compiled
  // first (model, lights and environment are in the scene by now), so the flight's first
  // frame does not also pay for that — drivers that link programs lazily still partly do.
  useLayoutEffect(() => {
    gl.compile(scene, cam);
    const aspect = size.width / Math.max(1, size.height);
    controller.open(controller.panoramaPose(tour.scene.id, tour.view.view, aspect));
    return () => controller.cancelFlights();
    // Once per opening; a resize mid-flight does not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, tour]);

  // Clicks (not drags) measure while the tape is out.
  useEffect(() => {
    const el = gl.domElement;
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => {
      down = e.isPrimary && e.button === 0 ? { x: e.clientX, y: e.clientY } : null;
    };
    const onUp = (e: PointerEvent) => {
      if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP) return;
      down = null;
      const r = el.getBoundingClientRect();
      controller.measureAt(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1, cam);
    };
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointerup', onUp);
    return () => {
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointerup', onUp);
    };
  }, [gl, cam, controller]);

  // Keyboard orbit: arrows turn and tilt, +/− zoom (the marker buttons are the keyboard way into rooms).
  useEffect(() => {
    if (!controls) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (controller.flying || e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
      const step =
        e.key === 'ArrowLeft' ? { dAzimuth: -10 } :
        e.key === 'ArrowRight' ? { dAzimuth: 10 } :
        e.key === 'ArrowUp' ? { dElevation: 6 } :
        e.key === 'ArrowDown' ? { dElevation: -6 } :
        e.key === '+' || e.key === '=' ? { zoom: 0.85 } :
        e.key === '-' || e.key === '_' ? { zoom: 1 / 0.85 } :
        null;
      if (!step) return;
      e.preventDefault();
      const p = orbitStep(cam.position, controls.target, step, LIMITS);
      cam.position.set(p.x, p.y, p.z);
      controls.update();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cam, controls, controller]);

  // While flying into a room, the panorama engine loads exactly the view the flight ends in.
  const proxy = useMemo(() => new THREE.PerspectiveCamera(), []);

  useFrame((s, dt) => {
    const { width, height } = s.size;
    const wasFlying = controller.flying;
    controller.tick(cam, Math.min(dt, 0.1), width, height);
    if (!controls) return;
    if (!controller.flying) {
      if (wasFlying || !controls.enabled) {
        const t = controller.orbitTarget;
        if (t) controls.target.set(t.x, t.y, t.z);
        controls.enabled = true;
      }
      controls.update(dt);
      controller.orbitTarget = { x: controls.target.x, y: controls.target.y, z: controls.target.z };
    } else controls.enabled = false;
    const arrival = controller.arrival;
    if (arrival && tour.scene.id === arrival.sceneId) {
      proxy.aspect = width / Math.max(1, height);
      applyCameraPose(proxy, { position: { x: 0, y: 0, z: 0 }, yaw: arrival.view.yaw, pitch: arrival.view.pitch, fov: verticalFov(arrival.view.fov, proxy.aspect) });
      proxy.updateProjectionMatrix();
      proxy.updateMatrixWorld();
      tour.viewer.update(proxy, s.gl, height * s.viewport.dpr);
    }
  });

  if (!model) return null;
  return (
    <>
      <hemisphereLight args={['#f4f1ea', '#8d8478', 1.6]} />
      <directionalLight position={[-6, 12, 9]} intensity={1.6} />
      <primitive object={model.root} />
      <DollhouseMarkerPins markers={controller.markers} hidden={state.flight === 'in'} />
      <DollhouseTape points={state.tape.points} />
    </>
  );
}
