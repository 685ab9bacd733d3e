import { useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type * as THREE from 'three';
import type { TourController } from '../viewer/TourController.ts';
import { aimCamera } from '../viewer/aimCamera.ts';

/**
 * Binds the tour to R3F: mounts the panorama, aims the camera from the view (outside a
 * headset — inside, the headset owns the camera), runs the engine each frame and lets the
 * viewer's CanvasPresenter decide whether the frame is drawn.
 */
export function PanoramaLayer({ tour, inXr }: { tour: TourController; inXr: boolean }) {
  const scene = useThree((s) => s.scene);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const presenter = tour.viewer.canvas;
  useEffect(() => {
    scene.add(tour.viewer.root);
    return () => void scene.remove(tour.viewer.root);
  }, [scene, tour]);
  // Attached before the warm-up: each mount waits for its own compile.
  useEffect(() => presenter.attach(gl), [gl, presenter]);
  useEffect(() => presenter.warmUp(gl, camera, scene), [gl, camera, scene, presenter]);

  // Priority 1: R3F leaves drawing to this callback while the panorama is mounted.
  useFrame((state, dt) => {
    const camera = state.camera as THREE.PerspectiveCamera;
    const { width, height } = state.size;
    if (!inXr) {
      tour.view.setViewport(height, width / height);
      aimCamera(camera, tour.view.view, width / height);
    }
    tour.frame(camera, state.gl, width, height, state.viewport.dpr, dt);
    presenter.present(state.gl, state.scene, camera, { width, height, dpr: state.viewport.dpr }, inXr);
  }, 1);
  return null;
}
