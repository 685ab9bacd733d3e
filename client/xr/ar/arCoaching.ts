import type { ArPlacementSnapshot } from './arPlacement.ts';

/** What the coaching panel says; the text per language lives in client/i18n/arMessages.ts. */
export type ArCoaching = 'findSurface' | 'tapToPlace' | 'gestures' | 'trackingLost' | 'trackingBack' | null;

/** How long a passing note ("pinch to resize", "tracking is back") stays up. */
export const COACHING_NOTE_MS = 3000;

/**
 * The coaching message for this moment: guidance while searching, the tap hint once a surface
 * is found, the gesture hint just after placing, and the tracking notes. Null: say nothing.
 */
export function arCoaching(s: ArPlacementSnapshot, now: number): ArCoaching {
  switch (s.phase) {
    case 'lost':
      return 'trackingLost';
    case 'searching':
      return 'findSurface';
    case 'surface':
      return 'tapToPlace';
    case 'placed':
      if (s.recoveredAt !== null && now - s.recoveredAt < COACHING_NOTE_MS) return 'trackingBack';
      return now - s.since < COACHING_NOTE_MS ? 'gestures' : null;
  }
}
