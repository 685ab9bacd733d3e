import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Pose } from '../../protocol/session.ts';
import type { SessionEvent } from '../SessionEvent.ts';
import { LOG_MAX_ENTRIES, LOG_RESTART_GAP, type BusHandler, type BusSubscription, type LogEntry, type RelayedSignal, type SessionBus } from './SessionBus.ts';
import { serverLog } from '../../log/serverLog.ts';

export interface RedisBusOptions {
  url: string;
  /** Key and channel prefix, so several deployments (or test runs) can share one Redis. */
  prefix?: string;
  /** How long an idle session's log lives (seconds). */
  ttlSeconds?: number;
}

/** Latest poses are written at most this often per session (the pose lane itself is not throttled). */
const REMEMBER_EVERY_MS = 200;
const POSES_TTL_MS = 10 * 60_000;
const HEARTBEAT_TTL_S = 15;

/**
 * Appends atomically: next seq, stream entry `0-<seq>` (with the previous seq), and the
 * same entry published on the session's channel. Redis runs scripts one at a time, so the
 * seq order is the publish order and the stream order on every instance.
 */
const APPEND_LUA = `
local prev = tonumber(redis.call('GET', KEYS[1]) or '0')
local n = prev + 1
redis.call('SET', KEYS[1], n, 'EX', ARGV[3])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '0-' .. n, 'p', prev, 'e', ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[2], '{"k":"e","s":' .. n .. ',"p":' .. prev .. ',"e":' .. ARGV[1] .. '}')
return n`;

/** When Redis has no counter for a session restored from a snapshot at ARGV[1]: restart the log past it (see LogEntry). */
const ENSURE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last > 0 then
  local seq = tonumber(string.match(last[1][1], '%-(%d+)$'))
  redis.call('SET', KEYS[1], seq, 'EX', ARGV[3])
  return 0
end
local after = tonumber(ARGV[1])
if after == 0 then return 0 end
local n = after + tonumber(ARGV[2])
redis.call('SET', KEYS[1], n, 'EX', ARGV[3])
redis.call('XADD', KEYS[2], '0-' .. n, 'p', after, 'e', 'null')
redis.call('EXPIRE', KEYS[2], ARGV[3])
return n`;

type Commands = Redis & {
  vantageAppend(seqKey: string, logKey: string, event: string, channel: string, ttl: number, maxLen: number): Promise<number>;
  vantageEnsure(seqKey: string, logKey: string, afterSeq: number, gap: number, ttl: number): Promise<number>;
};

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** Opens two connections (commands, subscriptions); fails at once, saying how to fix it, when Redis does not answer. */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 5000, connectionName: name });
  let lastError = '';
  r.on('error', (e: Error) => {
    // ioredis reconnects by itself; say so once per outage rather than on every retry.
    if (e.message !== lastError) serverLog.error(`Vantage: Redis ${describe(url)}: ${e.message} (reconnecting)`);
    lastError = e.message;
  });
  r.on('ready', () => (lastError = ''));
  try {
    await r.connect();
  } catch (e) {
    r.disconnect();
    throw new Error(
      `Vantage: cannot reach Redis at ${describe(url)} (${(e as Error).message || lastError}) — start it with ` +
        '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379`, fix REDIS_URL, or unset REDIS_URL to use the in-process bus',
      { cause: e },
    );
  }
  return r;
}

interface SubState {
  cursor: number;
  handler: BusHandler;
  chain: Promise<void>;
  lost: boolean;
}

/** The bus across instances: Redis Streams for the state log, pub/sub for both lanes' live feed, a hash for latest poses. */
export async function createRedisBus(opts: RedisBusOptions): Promise<SessionBus> {
  const prefix = opts.prefix ?? 'vantage:';
  const ttl = opts.ttlSeconds ?? 24 * 3600;
  const instanceId = randomBytes(6).toString('hex');
  const cmd = (await connectRedis(opts.url, `vantage-${instanceId}`)) as Commands;
  let sub: Redis;
  try {
    sub = await connectRedis(opts.url, `vantage-${instanceId}-sub`);
  } catch (e) {
    cmd.disconnect();
    throw e;
  }
  cmd.defineCommand('vantageAppend', { numberOfKeys: 2, lua: APPEND_LUA });
  cmd.defineCommand('vantageEnsure', { numberOfKeys: 2, lua: ENSURE_LUA });

  const k = {
    seq: (id: string) => `${prefix}s:${id}:seq`,
    log: (id: string) => `${prefix}s:${id}:log`,
    poses: (id: string) => `${prefix}s:${id}:poses`,
    channel: (id: string) => `${prefix}s:${id}:ch`,
    instance: (id: string) => `${prefix}i:${id}`,
  };
  const subs = new Map<string, SubState>();
  const channelToSession = new Map<string, string>();
  const pendingPoses = new Map<string, Map<string, Pose>>();
  let rememberTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const parseEntry = ([id, fields]: [string, string[]]): LogEntry => {
    const f: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
    return { seq: Number(id.split('-')[1]), prev: Number(f.p), event: JSON.parse(f.e) as SessionEvent | null };
  };

  const deliver = (st: SubState, e: LogEntry) => {
    st.cursor = e.seq;
    try {
      st.handler.onEntry(e);
    } catch (err) {
      serverLog.error({ err }, 'Vantage: session bus subscriber failed');
    }
  };

  /** Reads the stream from the cursor on; the one path that repairs any gap in the live feed. */
  async function catchUp(sessionId: string, st: SubState) {
    if (st.lost || closed) return;
    const raw = (await cmd.xrange(k.log(sessionId), `0-${st.cursor + 1}`, '+')) as [string, string[]][];
    const entries = raw.map(parseEntry);
    if (entries.length && entries[0].prev !== st.cursor) {
      st.lost = true;
      st.handler.onLost();
      return;
    }
    for (const e of entries) if (e.prev === st.cursor) deliver(st, e);
  }

  const enqueue = (sessionId: string, st: SubState, job: () => Promise<void> | void) => {
    st.chain = st.chain.then(job).catch((err) => {
      if (!closed) serverLog.error({ err }, `Vantage: session ${sessionId} bus read failed; retrying on the next message`);
    });
  };

  sub.on('message', (channel: string, message: string) => {
    const sessionId = channelToSession.get(channel);
    const st = sessionId && subs.get(sessionId);
    if (!st || !sessionId) return;
    let m: { k: 'e'; s: number; p: number; e: SessionEvent } | { k: 'p'; o: string; p: Pose[] } | { k: 's'; o: string; s: RelayedSignal };
    try {
      m = JSON.parse(message);
    } catch {
      return;
    }
    if (m.k === 's') {
      if (m.o === instanceId) return;
      try {
        st.handler.onSignal?.(m.s);
      } catch (err) {
        serverLog.error({ err }, 'Vantage: session bus signal subscriber failed');
      }
      return;
    }
    if (m.k === 'p') {
      if (m.o === instanceId) return;
      try {
        st.handler.onPoses(m.p);
      } catch (err) {
        serverLog.error({ err }, 'Vantage: session bus pose subscriber failed');
      }
      return;
    }
    const entry = m;
    enqueue(sessionId, st, () => {
      if (entry.s <= st.cursor || st.lost) return;
      if (entry.p === st.cursor) deliver(st, { seq: entry.s, prev: entry.p, event: entry.e });
      else return catchUp(sessionId, st);
    });
  });
  // After a Redis outage ioredis resubscribes; anything published meanwhile is read from the streams.
  let wasReady = true;
  sub.on('close', () => (wasReady = false));
  sub.on('ready', () => {
    if (wasReady) return;
    wasReady = true;
    for (const [id, st] of subs) enqueue(id, st, () => catchUp(id, st));
  });

  const flushPoses = async () => {
    rememberTimer = undefined;
    if (pendingPoses.size === 0 || cmd.status !== 'ready') return;
    const batch = [...pendingPoses];
    pendingPoses.clear();
    const p = cmd.pipeline();
    for (const [sessionId, poses] of batch) {
      const args: string[] = [];
      for (const [from, pose] of poses) args.push(from, JSON.stringify(pose));
      p.hset(k.poses(sessionId), ...args);
      p.pexpire(k.poses(sessionId), POSES_TTL_MS);
    }
    await p.exec().catch(() => {});
  };

  return {
    kind: 'redis',
    instanceId,
    async append(sessionId, event) {
      if (closed) throw new Error('Vantage: the session bus is closed');
      return Number(await cmd.vantageAppend(k.seq(sessionId), k.log(sessionId), JSON.stringify(event), k.channel(sessionId), ttl, LOG_MAX_ENTRIES));
    },
    async subscribe(sessionId, afterSeq, handler): Promise<BusSubscription> {
      if (closed) throw new Error('Vantage: the session bus is closed');
      if (subs.has(sessionId)) throw new Error(`Vantage: this instance already subscribes to session ${sessionId}`);
      await cmd.vantageEnsure(k.seq(sessionId), k.log(sessionId), afterSeq, LOG_RESTART_GAP, ttl);
      const st: SubState = { cursor: afterSeq, handler, chain: Promise.resolve(), lost: false };
      subs.set(sessionId, st);
      channelToSession.set(k.channel(sessionId), sessionId);
      await sub.subscribe(k.channel(sessionId));
      enqueue(sessionId, st, () => catchUp(sessionId, st));
      await st.chain;
      return {
        async unsubscribe() {
          if (subs.get(sessionId) !== st) return;
          subs.delete(sessionId);
          channelToSession.delete(k.channel(sessionId));
          if (!closed) await sub.unsubscribe(k.channel(sessionId)).catch(() => {});
        },
      };
    },
    publishPoses(sessionId, poses) {
      // Poses are only worth sending now: while Redis is away they are dropped, not queued.
      if (closed || poses.length === 0 || cmd.status !== 'ready') return;
      cmd.publish(k.channel(sessionId), JSON.stringify({ k: 'p', o: instanceId, p: poses })).catch(() => {});
      let m = pendingPoses.get(sessionId);
      if (!m) pendingPoses.set(sessionId, (m = new Map()));
      for (const p of poses) m.set(p.from, p);
      rememberTimer ??= setTimeout(() => void flushPoses(), REMEMBER_EVERY_MS);
    },
    publishSignal(sessionId, signal) {
      // Like poses: only worth sending now (a lost signal costs a renegotiation, not state).
      if (closed || cmd.status !== 'ready') return;
      cmd.publish(k.channel(sessionId), JSON.stringify({ k: 's', o: instanceId, s: signal })).catch(() => {});
    },
    async latestPoses(sessionId) {
      const mine = pendingPoses.get(sessionId);
      const stored = await cmd.hgetall(k.poses(sessionId));
      const out = new Map<string, Pose>();
      for (const [from, json] of Object.entries(stored)) {
        try {
          out.set(from, JSON.parse(json) as Pose);
        } catch {
          // a damaged entry is just not a pose
        }
      }
      if (mine) for (const [from, p] of mine) out.set(from, p);
      return [...out.values()];
    },
    forgetPoses(sessionId, ids) {
      if (ids.length === 0) return;
      const m = pendingPoses.get(sessionId);
      if (m) for (const id of ids) m.delete(id);
      cmd.hdel(k.poses(sessionId), ...ids).catch(() => {});
    },
    async heartbeat() {
      if (!closed) await cmd.set(k.instance(instanceId), '1', 'EX', HEARTBEAT_TTL_S);
    },
    async liveInstances(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Set();
      const vals = await cmd.mget(...unique.map(k.instance));
      return new Set(unique.filter((_, i) => vals[i] !== null));
    },
    async close() {
      if (closed) return;
      clearTimeout(rememberTimer);
      await flushPoses().catch(() => {});
      closed = true;
      await Promise.allSettled([...subs.values()].map((s) => s.chain));
      subs.clear();
      await cmd.del(k.instance(instanceId)).catch(() => {});
      await Promise.allSettled([sub.quit(), cmd.quit()]);
    },
  };
}
