import { useEffect, useState } from 'react';
import type { Place } from '@protocol';
import { ApiFailure, fetchPlace } from './api.ts';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiFailure };

/** Loads a place; `reload` retries after a failure. */
export function usePlace(id: string): [Loadable<Place>, () => void] {
  const [value, setValue] = useState<Loadable<Place>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setValue({ state: 'loading' });
    fetchPlace(id, ctrl.signal).then(
      (data) => setValue({ state: 'ready', data }),
      (e) => {
        if ((e as Error).name !== 'AbortError') setValue({ state: 'error', error: e instanceof ApiFailure ? e : new ApiFailure(0, 'unknown', String(e)) });
      },
    );
    return () => ctrl.abort();
  }, [id, attempt]);
  return [value, () => setAttempt((a) => a + 1)];
}
