import type { Redis } from 'ioredis';
import type { SessionRecord, SessionStore, StoredSnapshot } from './SessionStore.ts';

export interface RedisSessionStoreOptions {
  prefix?: string;
  /** Idle live sessions expire after this long (seconds); refreshed on every save. */
  ttlSeconds?: number;
  /** Ended sessions are kept this long so late clients learn that they ended. */
  endedTtlSeconds?: number;
}

/** Saves only a newer seq; refreshes the TTL of the session, its record and its code either way. */
const SAVE_LUA = `
local cur = redis.call('HGET', KEYS[1], 'seq')
if not cur then return -1 end
local code = redis.call('HGET', KEYS[1], 'code')
if tonumber(cur) < tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'state', ARGV[2])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
if code then redis.call('EXPIRE', ARGV[4] .. code, ARGV[3]) end
return 1`;

/** Sessions in Redis (hash `<prefix>sess:<id>`, index `<prefix>code:<code>`), with a TTL. Uses the caller's connection. */
export function createRedisSessionStore(redis: Redis, opts: RedisSessionStoreOptions = {}): SessionStore {
  const prefix = opts.prefix ?? 'vantage:';
  const ttl = opts.ttlSeconds ?? 24 * 3600;
  const endedTtl = opts.endedTtlSeconds ?? 3600;
  const sessKey = (id: string) => `${prefix}sess:${id}`;
  const codePrefix = `${prefix}code:`;
  const r = redis as Redis & { vantageSaveSnapshot(key: string, seq: number, state: string, ttl: number, codePrefix: string): Promise<number> };
  r.defineCommand('vantageSaveSnapshot', { numberOfKeys: 1, lua: SAVE_LUA });

  const read = async (id: string): Promise<SessionRecord | null> => {
    const raw = await redis.hget(sessKey(id), 'record');
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  };
  return {
    kind: 'redis',
    async create(record, snapshot) {
      const ok = await redis.set(codePrefix + record.code, record.id, 'EX', ttl, 'NX');
      if (ok !== 'OK') return false;
      await redis
        .multi()
        .hset(sessKey(record.id), 'record', JSON.stringify(record), 'code', record.code, 'seq', String(snapshot.seq), 'state', JSON.stringify(snapshot.state))
        .expire(sessKey(record.id), ttl)
        .exec();
      return true;
    },
    get: read,
    async findByCode(code) {
      const id = await redis.get(codePrefix + code);
      return id ? read(id) : null;
    },
    async loadSnapshot(id) {
      const [seq, state] = await redis.hmget(sessKey(id), 'seq', 'state');
      return seq !== null && state !== null ? { seq: Number(seq), state: JSON.parse(state) as StoredSnapshot['state'] } : null;
    },
    async saveSnapshot(id, snapshot) {
      await r.vantageSaveSnapshot(sessKey(id), snapshot.seq, JSON.stringify(snapshot.state), snapshot.state.status === 'ended' ? endedTtl : ttl, codePrefix);
    },
  };
}
