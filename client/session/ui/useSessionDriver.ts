import { useEffect, useMemo } from 'react';
import type { TourController } from '../../viewer/TourController.ts';
import type { TourModes } from '../../tour/TourModes.ts';
import type { SessionClient } from '../SessionClient.ts';
import { SessionDriver } from '../SessionDriver.ts';

declare global {
  interface Window {
    /** Read by e2e tests: the guided session on this page. */
    __vantageSession?: { client: SessionClient; driver: SessionDriver };
  }
}

/** The session's behaviour over this tour (SessionDriver), disposed with it and shown to e2e tests. */
export function useSessionDriver(client: SessionClient, tour: TourController, modes?: TourModes): SessionDriver {
  const driver = useMemo(() => new SessionDriver(client, tour, modes), [client, tour, modes]);
  useEffect(() => () => driver.dispose(), [driver]);
  useEffect(() => {
    window.__vantageSession = { client, driver };
    return () => void delete window.__vantageSession;
  }, [client, driver]);
  return driver;
}
