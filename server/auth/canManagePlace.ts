import type { Host, HostStore } from '../db/createHostStore.ts';

/**
 * The one ownership rule for every host route: an agent manages the places they created,
 * the agency's owner manages every place of the agency's hosts. Callers answer a place the
 * host may not manage exactly like a missing one, so another agency's ids reveal nothing.
 */
export async function canManagePlace(hosts: Pick<HostStore, 'get'>, host: Host, place: { hostId?: string }): Promise<boolean> {
  if (!place.hostId || host.disabledAt) return false;
  if (place.hostId === host.id) return true;
  if (host.role !== 'owner') return false;
  const holder = await hosts.get(place.hostId);
  return holder?.agencyId === host.agencyId;
}
