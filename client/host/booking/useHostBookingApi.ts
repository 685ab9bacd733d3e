import { useMemo } from 'react';
import { useHost } from '../HostContext.ts';
import { HostBookingApi } from './HostBookingApi.ts';

/** The booking API for the signed-in host; a 401 signs out like the rest of the console. */
export function useHostBookingApi(): HostBookingApi {
  const { api, signOut } = useHost();
  return useMemo(() => new HostBookingApi(api.token, { onUnauthorized: signOut }), [api.token, signOut]);
}
