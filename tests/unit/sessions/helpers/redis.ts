import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const redisWhere = (() => {
  const u = new URL(REDIS_URL);
  return `${u.hostname}:${u.port || 6379}`;
})();

/** A key prefix of its own per test file, so runs (and files) never see each other's sessions. */
export const testPrefix = () => `vantage-test-${randomBytes(4).toString('hex')}:`;

/**
 * An admin connection to the test Redis. Never a skip: without Redis the cases that need it
 * fail, saying how to start it.
 */
export function redisAdmin(): Promise<Redis> {
  const p = (async () => {
    const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null });
    r.on('error', () => {});
    try {
      await r.connect();
      await r.ping();
    } catch (e) {
      r.disconnect();
      throw new Error(
        `Redis at ${redisWhere} did not answer (${(e as Error).message}). Start it with: ` +
          'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 — or point TEST_REDIS_URL at a server you can use.',
      );
    }
    return r;
  })();
  p.catch(() => {}); // reported by the cases that need it, not as an unhandled rejection
  return p;
}

/** Deletes every key under `prefix`. */
export async function dropPrefix(r: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
}

/**
 * Real Redis for a test file: an admin connection and a key prefix of its own, whose keys are
 * dropped after the file. Registers a test of its own that fails — never a skip — when Redis
 * does not answer, so a missing server reads as a failure, not as skipped cases.
 */
export function useRedisPrefix(): { admin: Promise<Redis>; prefix: string } {
  const admin = redisAdmin();
  const prefix = testPrefix();
  afterAll(async () => {
    const r = await admin.catch(() => null);
    if (!r) return;
    await dropPrefix(r, prefix);
    r.disconnect();
  });
  it(`reaches Redis at ${redisWhere}`, async () => {
    await expect(admin).resolves.toBeDefined();
  });
  return { admin, prefix };
}
