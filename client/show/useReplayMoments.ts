import { useEffect, useState } from 'react';
import { showMomentsSchema, type ShowMoment } from '@protocol';

export type LoadedMoments = { moments: ShowMoment[]; note: 'reactionsOnly' | 'badCode' | null } | { failed: true } | null;

/** The watch parties' moments: every party's reactions, and the chat of the party whose link this is (?party=<code>). */
async function loadMoments(placeId: string, party: string | null, signal: AbortSignal): Promise<LoadedMoments> {
  const get = async (q: string) => {
    const res = await fetch(`/api/places/${encodeURIComponent(placeId)}/moments${q}`, { signal });
    return { status: res.status, body: res.ok ? showMomentsSchema.parse(await res.json()) : null };
  };
  const first = await get(party ? `?party=${encodeURIComponent(party)}` : '');
  if (first.body) return { moments: first.body.moments, note: party ? null : 'reactionsOnly' };
  if (first.status === 400 && party) {
    const again = await get('');
    if (again.body) return { moments: again.body.moments, note: 'badCode' };
  }
  return { failed: true };
}

/** A replay's moments, loaded once per page (null while loading; `failed` when they could not be had). */
export function useReplayMoments(placeId: string, on: boolean): LoadedMoments {
  const [loaded, setLoaded] = useState<LoadedMoments>(null);
  useEffect(() => {
    if (!on) return;
    const ac = new AbortController();
    const party = new URLSearchParams(window.location.search).get('party');
    loadMoments(placeId, party, ac.signal).then(setLoaded, (e: Error) => {
      if (e.name !== 'AbortError') setLoaded({ failed: true });
    });
    return () => ac.abort();
  }, [placeId, on]);
  return loaded;
}
