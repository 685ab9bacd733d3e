import { useEffect, useRef, useState } from 'react';
import type { SessionClientState } from '../SessionClient.ts';

/** True for 2.5 s after the connection came back from "reconnecting", for a short "Back online". */
export function useBackOnline(status: SessionClientState['status']): boolean {
  const [backOnline, setBackOnline] = useState(false);
  const wasDown = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasDown.current = true;
    else if (status === 'live' && wasDown.current) {
      wasDown.current = false;
      setBackOnline(true);
      const t = setTimeout(() => setBackOnline(false), 2500);
      return () => clearTimeout(t);
    }
  }, [status]);
  return backOnline;
}
