import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type * as THREE from 'three';
import type { TourController } from '../viewer/TourController.ts';
import type { ViewerStatus } from '../viewer/PanoramaViewer.ts';
import { verticalFov } from '../viewer/viewMath.ts';
import { shaderWarmUp } from '../viewer/ScenePanorama.ts';
import { RenderGate } from './RenderGate.ts';
import { GpuFence } from './GpuFence.ts';

const DEG = Math.PI / 180;
/** Drawing starts by then even if the background compile never reports back. */
const COMPILE_WAIT_MS = 1500;

/**
 * Binds the tour to R3F: mounts the panorama, aims the camera from the view (outside a
 * headset — inside, the headset owns the camera), runs the engine each frame and draws the
 * frame only when something on it changed (RenderGate). A headset draws every frame.
 */
export function PanoramaLayer({ tour, inXr }: { tour: TourController; inXr: boolean }) {
  const scene = useThree((s) => s.scene);
  const gl = useThree((s) => s.gl);
  const gate = useMemo(() => new RenderGate(), []);
  const fence = useMemo(() => new GpuFence<ViewerStatus>(), []);
  useEffect(() => {
    scene.add(tour.viewer.root);
    return () => void scene.remove(tour.viewer.root);
  }, [scene, tour]);
  // The first draw waits for the panorama's shaders, compiled in the background: compiled
  // inside the first frame they hold the main thread ~150 ms here (a hitch for someone who
  // starts dragging at once). The link's first paint covers the canvas meanwhile.
  const compiled = useMemo(() => ({ done: false, splitFirst: false }), []);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const warm = shaderWarmUp();
    const finish = () => void (compiled.done = true);
    const timer = setTimeout(finish, COMPILE_WAIT_MS);
    gl.compileAsync(warm.object, camera, scene).then(finish, finish).finally(() => clearTimeout(timer));
    // Kept until the layer goes: the renderer frees a program with the last material using it,
    // and the fade's transparent variant is otherwise unused until the first room switch.
    return () => {
      clearTimeout(timer);
      warm.dispose();
    };
  }, [gl, camera, scene, compiled]);
  useEffect(() => {
    const canvas = gl.domElement;
    const redraw = () => gate.invalidate();
    const lost = () => fence.forget();
    canvas.addEventListener('webglcontextlost', lost);
    canvas.addEventListener('webglcontextrestored', redraw);
    return () => {
      canvas.removeEventListener('webglcontextlost', lost);
      canvas.removeEventListener('webglcontextrestored', redraw);
      fence.clear(gl.getContext() as WebGL2RenderingContext);
    };
  }, [gl, gate, fence]);

  // Priority 1: R3F leaves drawing to this callback while the panorama is mounted.
  useFrame((state, dt) => {
    const camera = state.camera as THREE.PerspectiveCamera;
    const { width, height } = state.size;
    if (!inXr) {
      const v = tour.view.view;
      tour.view.setViewport(height, width / height);
      camera.position.set(0, 0, 0);
      camera.rotation.order = 'YXZ';
      camera.rotation.set(v.pitch * DEG, -v.yaw * DEG, 0);
      const vfov = verticalFov(v.fov, width / height);
      if (camera.fov !== vfov) {
        camera.fov = vfov;
        camera.updateProjectionMatrix();
      }
    }
    tour.frame(camera, state.gl, width, height, state.viewport.dpr, dt);
    // The very first draw waits a frame after the first view's textures went up: on software
    // WebGL the uploads and the first full-screen draw together make one long frame, apart two short ones.
    const firstUploads = !tour.viewer.drawn && !compiled.splitFirst && tour.viewer.store.uploadsLastFrame > 0;
    if (firstUploads) compiled.splitFirst = true; // once: tiles streaming in one a frame must not keep postponing it
    const ctx = state.gl.getContext() as WebGL2RenderingContext;
    const done = fence.poll(ctx);
    if (done) tour.viewer.drawn = done;
    // Hidden under the first paint, a frame is drawn only once the last one is done on the GPU.
    const covered = tour.viewer.covered && !inXr;
    if (covered && fence.pending) return;
    if (inXr || (compiled.done && !firstUploads && gate.shouldRender(state.scene, camera, width, height, state.viewport.dpr))) {
      state.gl.render(state.scene, camera);
      if (covered) fence.set(ctx, tour.viewer.status);
      else {
        fence.clear(ctx);
        tour.viewer.drawn = tour.viewer.status;
      }
    }
  }, 1);
  return null;
}
