import { useSyncExternalStore } from 'react';

const QUERY = '(pointer: coarse)';

/** True on a touch screen without a mouse: say "tap", not "click", and leave out keyboard hints. */
export function useCoarsePointer(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const mq = window.matchMedia(QUERY);
      mq.addEventListener('change', notify);
      return () => mq.removeEventListener('change', notify);
    },
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}
