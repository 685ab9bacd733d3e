import { useEffect, useMemo, useState } from 'react';
import type { SessionSnapshot } from '@protocol';
import type { SessionClient } from '../SessionClient.ts';

/**
 * The viewers whose gaze the host sees (connected, neither the host nor the lead); the list
 * re-renders a few times a second at most, however often gaze arrives. Empty for anyone else.
 */
export function useGazeIds(client: SessionClient, seesGaze: boolean, meId: string, snap: SessionSnapshot): string[] {
  const [gazeVersion, setGazeVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.onGaze(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setGazeVersion((v) => v + 1);
      }, 400);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  return useMemo(
    () => (seesGaze ? [...client.gaze.keys()].filter((id) => id !== meId && id !== snap.leadId && snap.participants.some((p) => p.id === id && p.connected)) : []),
    [client, seesGaze, meId, snap.leadId, snap.participants, gazeVersion], // eslint-disable-line react-hooks/exhaustive-deps
  );
}
