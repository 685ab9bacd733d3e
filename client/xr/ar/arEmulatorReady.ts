/**
 * With ?xr=emulate, installs the AR emulator (once: IWER with a synthetic room) and answers
 * when it has replaced navigator.xr; otherwise undefined. Ask support questions after it.
 * Its own file so the exhibit page's button pulls in no XR library until someone enters.
 */
export function arEmulatorReady(): Promise<unknown> | undefined {
  const asked = typeof location !== 'undefined' && new URLSearchParams(location.search).get('xr') === 'emulate';
  if (asked && !window.__vantageXrEmulator) {
    window.__vantageXrEmulator = import('./installArEmulator.ts').then((m) => m.installArEmulator());
  }
  return window.__vantageXrEmulator;
}
