import { createXRStore } from '@react-three/xr';

/**
 * The XR store. Controller and hand models come from our own origin (/xr-profiles/, the
 * @webxr-input-profiles/assets package), never a CDN. The headset emulator (IWER) is
 * injected only when asked for with ?xr=emulate — tests and demos without a headset.
 */
export function createVantageXrStore() {
  const emulate = typeof location !== 'undefined' && new URLSearchParams(location.search).get('xr') === 'emulate';
  return createXRStore({
    baseAssetPath: '/xr-profiles/',
    emulate: emulate ? { type: 'metaQuest3', inject: true } : false,
    offerSession: false,
    // No hand models: a panorama tour is driven by controller rays; hands still point.
    hand: { model: false },
  });
}
