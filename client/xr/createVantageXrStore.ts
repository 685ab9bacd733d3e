import { createXRStore } from '@react-three/xr';
import type { XRDevice } from 'iwer';

declare global {
  interface Window {
    /** Set only when the page was opened with ?xr=emulate (tests, desktop demos). */
    __vantageXrEmulator?: Promise<XRDevice>;
  }
}

/** Whether this page asked for the headset emulator (?xr=emulate). */
export function xrEmulationRequested(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('xr') === 'emulate';
}

/**
 * The XR store. Controller models come from our own origin (/xr-profiles/, the
 * @webxr-input-profiles/assets package), never a CDN; the option must be an absolute URL.
 * The library's built-in emulator stays off (it turns itself on for any localhost page and
 * overwrites controller poses every frame); with ?xr=emulate we install IWER ourselves.
 */
export function createVantageXrStore() {
  const store = createXRStore({
    baseAssetPath: new URL('/xr-profiles/', location.href).href,
    emulate: false,
    offerSession: false,
    // A tour is driven by controller rays; hands still point, without a hand model download.
    hand: { model: false },
  });
  if (xrEmulationRequested() && !window.__vantageXrEmulator) {
    window.__vantageXrEmulator = import('./installXrEmulator.ts').then((m) => m.installXrEmulator());
  }
  return store;
}
