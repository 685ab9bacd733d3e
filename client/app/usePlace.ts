import { useEffect, useState } from 'react';
import type { Place } from '@protocol';
import { ApiFailure, fetchPlace } from './api.ts';
import { takeBootPlace } from './bootPlace.ts';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiFailure };

/** Loads a place (a tour link's HTML already carries it: then no request and no loading state); `reload` retries after a failure. */
export function usePlace(id: string): [Loadable<Place>, () => void] {
  const [boot] = useState(() => takeBootPlace(id));
  const [value, setValue] = useState<Loadable<Place>>(boot ? { state: 'ready', data: boot } : { state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (boot?.id === id && attempt === 0) return;
    const ctrl = new AbortController();
    setValue({ state: 'loading' });
    fetchPlace(id, ctrl.signal).then(
      (data) => setValue({ state: 'ready', data }),
      (e) => {
        if ((e as Error).name !== 'AbortError') setValue({ state: 'error', error: e instanceof ApiFailure ? e : new ApiFailure(0, 'unknown', String(e)) });
      },
    );
    return () => ctrl.abort();
  }, [id, attempt, boot]);
  return [value, () => setAttempt((a) => a + 1)];
}
