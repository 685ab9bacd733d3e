import type { StoredRoomState } from '../SessionRoom.ts';

/** What never changes about a session once created. */
export interface SessionRecord {
  id: string;
  /** Canonical join code (no dash, upper case). */
  code: string;
  placeId: string;
  /** The host account that started it. */
  ownerId: string;
  /** SHA-256 of the host key (hex): the key itself is never stored. */
  hostKeyHash: string;
  createdAt: number;
}

export interface StoredSnapshot {
  seq: number;
  state: StoredRoomState;
}

/**
 * Where sessions survive a restart: the database without Redis, Redis (with a TTL) when
 * REDIS_URL is set. Implementations: memory.ts (tests), db.ts, redis.ts.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'db' | 'redis';
  /** Saves a new session with its first snapshot; false when the join code is taken (draw another). */
  create(record: SessionRecord, snapshot: StoredSnapshot): Promise<boolean>;
  get(id: string): Promise<SessionRecord | null>;
  findByCode(code: string): Promise<SessionRecord | null>;
  loadSnapshot(id: string): Promise<StoredSnapshot | null>;
  /** Keeps whichever snapshot has the higher seq (instances may save out of order). */
  saveSnapshot(id: string, snapshot: StoredSnapshot): Promise<void>;
}
