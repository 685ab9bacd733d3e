import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, useRedisPrefix } from './helpers/redis.ts';
import { memoryBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

// The lead's tour mode (dollhouse, floor plan) over real sockets: one instance on the in-memory
// bus, and two instances on Redis (the viewer on the other one).
const { admin, prefix } = useRedisPrefix();
let backing: Backing;
const servers: SessionServer[] = [];
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

beforeAll(async () => {
  await admin; // fails with how to start Redis
  backing = memoryBacking();
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close().catch(() => {})));
  await backing?.cleanup();
});

async function instance(redis: boolean) {
  const s = await startSessionServer(backing, redis ? { redisUrl: REDIS_URL, redisPrefix: prefix } : {});
  servers.push(s);
  return s;
}

describe.each([
  ['the in-memory bus', false],
  ['Redis, two instances', true],
])('tour mode on %s', (_name, redis) => {
  it('the host opens the dollhouse and the plan: the viewer is told, a late joiner starts there; a viewer cannot change it', async () => {
    const a = await instance(redis);
    const b = redis ? await instance(true) : a;
    const s = await startSession(a.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(a.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const mum = track(await joinAs(b.url, b.wsUrl, s.id, 'Mum'));
    expect(mum.welcome!.sync).toMatchObject({ kind: 'snapshot', state: { mode: { view: 'panorama', plan: false } } });
    host.send({ type: 'mode', view: 'dollhouse', plan: false });
    const d = await mum.next('delta', (x) => x.changes.some((c) => c.type === 'mode'));
    expect(d.changes).toEqual([{ type: 'mode', mode: { view: 'dollhouse', plan: false }, by: host.welcome!.you.id }]);
    mum.send({ type: 'mode', view: 'panorama', plan: true, ref: 'm1' });
    expect(await mum.next('error', (e) => e.ref === 'm1')).toMatchObject({ code: 'not_allowed' });
    host.send({ type: 'mode', view: 'dollhouse', plan: true });
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'mode' && c.mode.plan));
    const late = track(await joinAs(b.url, b.wsUrl, s.id, 'Dad'));
    expect(late.welcome!.sync).toMatchObject({ kind: 'snapshot', state: { mode: { view: 'dollhouse', plan: true } } });
  });
});
