import type { Exhibit } from '@protocol';

/** What the browser says about the device (read by deviceHints, passed in so the choice is testable). */
export interface DeviceHints {
  /** The viewport's shorter side, CSS px. */
  shortSide: number;
  /** Touch is the main pointer. */
  coarsePointer: boolean;
  /** navigator.deviceMemory (GiB, Chromium only). */
  deviceMemory?: number;
}

/**
 * The rendition to load: a phone — a small touch screen, or any device with 2 GiB of memory
 * or less — gets the lighter GLB where the ingest made one.
 */
export function pickRendition(exhibit: Pick<Exhibit, 'modelUrl' | 'phoneModelUrl' | 'bytes' | 'phoneBytes'>, hints: DeviceHints): { url: string; bytes: number; phone: boolean } {
  const phone = (hints.coarsePointer && hints.shortSide <= 600) || hints.shortSide <= 480 || (hints.deviceMemory !== undefined && hints.deviceMemory <= 2);
  if (phone && exhibit.phoneModelUrl) return { url: exhibit.phoneModelUrl, bytes: exhibit.phoneBytes ?? 0, phone: true };
  return { url: exhibit.modelUrl, bytes: exhibit.bytes, phone: false };
}

/** This browser's hints. */
export function deviceHints(): DeviceHints {
  const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return {
    shortSide: Math.min(window.innerWidth, window.innerHeight),
    coarsePointer: window.matchMedia('(pointer: coarse)').matches,
    ...(typeof memory === 'number' ? { deviceMemory: memory } : {}),
  };
}
