import type { Host, HostStore } from '../db/createHostStore.ts';
import type { PlaceStore } from '../places/PlaceStore.ts';
import type { PlaceRecord } from '../places/placeRecord.ts';

/** The places `canManagePlace` lets this host manage: their own, or all the agency's for its owner; sorted by title like the store. */
export async function listManagedPlaces(hosts: Pick<HostStore, 'listAgency'>, places: Pick<PlaceStore, 'listByHost'>, host: Host): Promise<PlaceRecord[]> {
  if (host.role !== 'owner') return places.listByHost(host.id);
  const members = await hosts.listAgency(host.agencyId);
  const lists = await Promise.all(members.map((m) => places.listByHost(m.id)));
  return lists.flat().sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
