import { createXRStore } from '@react-three/xr';
import { arEmulatorReady } from './arEmulatorReady.ts';

/**
 * The XR store for "View in AR" and the VR sand table. Hit tests and anchors are asked for
 * (optional: a device without anchors still places, at the hit pose). No DOM overlay: it is
 * missing on headsets and some phones, so everything the visitor taps lives in the 3D scene.
 * With ?xr=emulate an IWER headset with a synthetic room (floor and table) stands in.
 */
export function createArXrStore() {
  const store = createXRStore({
    baseAssetPath: new URL('/xr-profiles/', location.href).href,
    emulate: false,
    offerSession: false,
    hitTest: true,
    anchors: true,
    domOverlay: false,
    planeDetection: false,
    meshDetection: false,
    layers: false,
    handTracking: false,
    hand: { model: false },
  });
  arEmulatorReady();
  return store;
}

export type ArXrStore = ReturnType<typeof createArXrStore>;
