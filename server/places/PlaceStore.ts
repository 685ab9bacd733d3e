import type { PlaceRecord } from './placeRecord.ts';

/** What `PlaceStore.update` saw and saved; `after` is `before` when the change wrote nothing. */
export interface PlaceUpdate {
  before: PlaceRecord;
  after: PlaceRecord;
}

/** Where places live: PGlite on disk by default, Postgres with DATABASE_URL (server/db). */
export interface PlaceStore {
  list(): Promise<PlaceRecord[]>;
  get(id: string): Promise<PlaceRecord | null>;
  /** Writes the place whole, created or replaced. For a change to what is stored, use `update`. */
  put(place: PlaceRecord): Promise<void>;
  /** Stores a new place; false (nothing written) when the id is already taken, by anyone. */
  create(place: PlaceRecord): Promise<boolean>;
  /**
   * Read-change-write of one place that no other update of it (in any server instance)
   * can interleave with: `change` gets the stored place and returns what to store, or null
   * to write nothing. Resolves null when there is no such place. `change` must not use the
   * store or the database itself (it runs inside the update's transaction).
   */
  update(id: string, change: (current: PlaceRecord) => PlaceRecord | null | Promise<PlaceRecord | null>): Promise<PlaceUpdate | null>;
  /** Removes the place and its scenes; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** The host's places, sorted by title like list(). */
  listByHost(hostId: string): Promise<PlaceRecord[]>;
}
