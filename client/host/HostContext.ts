import { createContext, useContext } from 'react';
import type { Host } from '@protocol';
import type { HostApi } from './HostApi.ts';

export interface HostSessionValue {
  api: HostApi;
  host: Host;
  signOut: () => void;
}

export const HostContext = createContext<HostSessionValue | null>(null);

/** The signed-in host and their API client; only pages rendered after sign-in call this. */
export function useHost(): HostSessionValue {
  const v = useContext(HostContext);
  if (!v) throw new Error('Vantage: useHost() outside the signed-in host console — render the page inside <HostContext.Provider>.');
  return v;
}
