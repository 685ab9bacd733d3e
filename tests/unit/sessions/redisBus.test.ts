import { createRedisBus } from '../../../server/sessions/bus/redis.ts';
import { busCases } from './bus.case.ts';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';

const { admin, prefix } = useRedisPrefix();

busCases({
  kind: 'redis',
  async connect() {
    await admin;
    return createRedisBus({ url: REDIS_URL, prefix });
  },
});
