import { useCallback, useEffect, useState } from 'react';
import type { HostPlace } from '@protocol';
import { HostApiError } from './HostApiError.ts';
import { useHost } from './HostContext.ts';

export type HostLoadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: HostApiError };

/**
 * One of the host's places: loads it, `reload` fetches again, `set` takes a fresher copy
 * that a PATCH returned (no second request).
 */
export function useHostPlace(placeId: string): { place: HostLoadable<HostPlace>; reload: () => void; set: (p: HostPlace) => void } {
  const { api } = useHost();
  const [place, setPlace] = useState<HostLoadable<HostPlace>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    api.place(placeId).then(
      (data) => live && setPlace({ state: 'ready', data }),
      (e) => live && setPlace({ state: 'error', error: e instanceof HostApiError ? e : new HostApiError(0, 'unknown', String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [api, placeId, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  const set = useCallback((data: HostPlace) => setPlace({ state: 'ready', data }), []);
  return { place, reload, set };
}
