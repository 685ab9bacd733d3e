import type { Db } from '../../db/Db.ts';
import type { SessionRecord, SessionStore, StoredSnapshot } from './SessionStore.ts';

interface Row {
  id: string;
  code: string;
  place_id: string;
  owner_id: string | null;
  host_key_hash: string;
  created_at: Date;
}

const toRecord = (r: Row): SessionRecord => ({
  id: r.id,
  code: r.code,
  placeId: r.place_id,
  ownerId: r.owner_id ?? '',
  hostKeyHash: r.host_key_hash,
  createdAt: r.created_at.getTime(),
});

const RECORD_COLUMNS = 'id, code, place_id, owner_id, host_key_hash, created_at';

/** Sessions in the `sessions` table (migration 0003_sessions); run `migrate(db)` first. */
export function createDbSessionStore(db: Db): SessionStore {
  return {
    kind: 'db',
    async create(record, snapshot) {
      const rows = await db.query(
        `insert into sessions (id, code, place_id, owner_id, host_key_hash, seq, state, status, created_at)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
         on conflict (code) do nothing returning id`,
        [
          record.id,
          record.code,
          record.placeId,
          record.ownerId || null,
          record.hostKeyHash,
          snapshot.seq,
          JSON.stringify(snapshot.state),
          snapshot.state.status,
          new Date(record.createdAt),
        ],
      );
      return rows.length === 1;
    },
    async get(id) {
      const [r] = await db.query<Row>(`select ${RECORD_COLUMNS} from sessions where id = $1`, [id]);
      return r ? toRecord(r) : null;
    },
    async findByCode(code) {
      const [r] = await db.query<Row>(`select ${RECORD_COLUMNS} from sessions where code = $1`, [code]);
      return r ? toRecord(r) : null;
    },
    async loadSnapshot(id) {
      const [r] = await db.query<{ seq: number; state: StoredSnapshot['state'] }>('select seq, state from sessions where id = $1', [id]);
      return r ? { seq: Number(r.seq), state: r.state } : null;
    },
    async saveSnapshot(id, snapshot) {
      await db.query(
        `update sessions set seq = $2, state = $3::jsonb, status = $4, updated_at = now(),
           ended_at = case when $4 = 'ended' then coalesce(ended_at, now()) else null end
         where id = $1 and seq < $2`,
        [id, snapshot.seq, JSON.stringify(snapshot.state), snapshot.state.status],
      );
    },
  };
}
