import type { PlaceRecord } from './placeRecord.ts';

/** Where places live. The file store is the embedded default until the database lands. */
export interface PlaceStore {
  list(): Promise<PlaceRecord[]>;
  get(id: string): Promise<PlaceRecord | null>;
  put(place: PlaceRecord): Promise<void>;
}
