import { afterAll, expect, it } from 'vitest';
import { createRedisBus } from '../../../server/sessions/bus/redis.ts';
import { busCases } from './bus.case.ts';
import { REDIS_URL, dropPrefix, redisAdmin, redisWhere, testPrefix } from './helpers/redis.ts';

const prefix = testPrefix();
const admin = redisAdmin();

afterAll(async () => {
  const r = await admin.catch(() => null);
  if (!r) return;
  await dropPrefix(r, prefix);
  r.disconnect();
});

// A failing test of its own, so a missing server reads as a failure, not as skipped cases.
it(`reaches Redis at ${redisWhere}`, async () => {
  await expect(admin).resolves.toBeDefined();
});

busCases({
  kind: 'redis',
  async connect() {
    await admin;
    return createRedisBus({ url: REDIS_URL, prefix });
  },
});
