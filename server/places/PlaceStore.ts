import type { PlaceRecord } from './placeRecord.ts';

/** Where places live: PGlite on disk by default, Postgres with DATABASE_URL (server/db). */
export interface PlaceStore {
  list(): Promise<PlaceRecord[]>;
  get(id: string): Promise<PlaceRecord | null>;
  put(place: PlaceRecord): Promise<void>;
  /** Removes the place and its scenes; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** The host's places, sorted by title like list(). */
  listByHost(hostId: string): Promise<PlaceRecord[]>;
}
