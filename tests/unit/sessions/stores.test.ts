import { afterAll, expect, it } from 'vitest';
import { connectRedis } from '../../../server/sessions/bus/redis.ts';
import { createDbSessionStore } from '../../../server/sessions/store/db.ts';
import { createMemorySessionStore } from '../../../server/sessions/store/memory.ts';
import { createRedisSessionStore } from '../../../server/sessions/store/redis.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';
import { storeCases } from './store.case.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

storeCases({
  kind: 'memory',
  async open() {
    return { store: createMemorySessionStore(), placeId: 'flat', ownerId: 'h1' };
  },
});

// PGlite runs the same SQL as Postgres (server/db); the table comes from migration 0003_sessions.
let deps: Promise<{ store: ReturnType<typeof createDbSessionStore>; placeId: string; ownerId: string }> | undefined;
storeCases({
  kind: 'db',
  open() {
    deps ??= (async () => {
      const d = await createTestDeps();
      cleanups.push(() => d.cleanup());
      const host = await d.hosts.create({ email: 'agent@example.com', name: 'Agent', password: 'agent-pass-1' });
      await d.places.put(samplePlace('flat', { hostId: host.id }));
      return { store: createDbSessionStore(d.db), placeId: 'flat', ownerId: host.id };
    })();
    return deps;
  },
});

const { admin, prefix } = useRedisPrefix();
let redisStore: Promise<ReturnType<typeof createRedisSessionStore>> | undefined;
storeCases({
  kind: 'redis',
  async open() {
    redisStore ??= (async () => {
      await admin;
      const conn = await connectRedis(REDIS_URL, 'vantage-test-store');
      cleanups.push(() => conn.quit());
      return createRedisSessionStore(conn, { prefix, ttlSeconds: 600, endedTtlSeconds: 60 });
    })();
    return { store: await redisStore, placeId: 'flat', ownerId: 'h1' };
  },
});

it('Redis sessions expire: a TTL on the session and its code, shorter once ended', async () => {
  const r = await admin;
  const keys = (await r.keys(`${prefix}sess:*`)).filter((k) => !k.endsWith('never-created'));
  expect(keys.length).toBeGreaterThan(0);
  for (const k of keys) {
    const ttl = await r.ttl(k);
    const ended = (await r.hget(k, 'state'))!.includes('"status":"ended"');
    expect(ttl, k).toBeGreaterThan(0);
    expect(ttl, k).toBeLessThanOrEqual(ended ? 60 : 600);
  }
  for (const k of await r.keys(`${prefix}code:*`)) expect(await r.ttl(k)).toBeGreaterThan(0);
});
