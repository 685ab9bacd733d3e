import { describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createTokenSigner } from '../../../server/auth/createTokenSigner.ts';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../../server/db/createHostStore.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { usePostgresSchemas } from '../../support/usePostgresSchemas.ts';
import { samplePlace, sampleScene } from '../db/samplePlace.ts';

/**
 * Two server instances on one Postgres, as a deployment behind a load balancer runs them:
 * saves of one place that land on different instances at once must all be kept. A lock
 * inside one process cannot see the other instance's save.
 */
const open = usePostgresSchemas('vantage_two');
const ROOMS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];

async function twoInstances() {
  const [dbA, dbB] = [await open('main'), await open('main')];
  await migrate(dbA);
  const signer = createTokenSigner(Buffer.alloc(32, 9));
  const app = (db: typeof dbA) => createApp({ places: createDbPlaceStore(db), hosts: createHostStore(db), signer, tilesDir: '/nonexistent/tiles', assetBaseUrl: '' });
  const host = await createHostStore(dbA).create({ email: `two-${Date.now()}@example.com`, name: 'Two', password: 'two-pass-123' });
  return { apps: [app(dbA), app(dbB)], token: signer.sign(host.id, 3600).token, hostId: host.id, stores: [createDbPlaceStore(dbA), createDbPlaceStore(dbB)] };
}

describe('one place saved through two instances at once', () => {
  it('keeps every room move: none is written over by a save that read the place before it', async () => {
    const { apps, token, hostId, stores } = await twoInstances();
    const id = `two-flat-${Date.now().toString(36)}`;
    await stores[0].put(samplePlace(id, { hostId, scenes: ROOMS.map((r) => sampleScene(r, { hotspots: [] })), startScene: 'r0', coverScene: 'r0', floorPlan: undefined }));
    for (let round = 1; round <= 3; round++) {
      // Every room moved at once, half of the saves through each instance.
      const saves = await Promise.all(
        ROOMS.map((r, i) =>
          apps[i % 2].request(`/api/host/places/${id}/scenes/${r}`, {
            method: 'PATCH',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ floor: { x: round * 10 + i, y: round } }),
          }),
        ),
      );
      expect(saves.map((r) => r.status)).toEqual(ROOMS.map(() => 200));
      const stored = (await stores[1].get(id))!;
      expect(Object.fromEntries(stored.scenes.map((s) => [s.id, s.floor]))).toEqual(Object.fromEntries(ROOMS.map((r, i) => [r, { x: round * 10 + i, y: round }])));
    }
  });

  it('update() on two stores at once: each change sees the one before it', async () => {
    const { stores } = await twoInstances();
    const id = `two-count-${Date.now().toString(36)}`;
    await stores[0].put(samplePlace(id, { price: 0 }));
    await Promise.all(Array.from({ length: 20 }, (_, i) => stores[i % 2].update(id, (p) => ({ ...p, price: (p.price ?? 0) + 1 }))));
    expect((await stores[0].get(id))?.price).toBe(20);
  });

  it('create() through two instances at once: exactly one gets the id, the other writes nothing', async () => {
    const { stores, hostId } = await twoInstances();
    const id = `two-new-${Date.now().toString(36)}`;
    const made = await Promise.all([stores[0].create(samplePlace(id, { title: 'First' })), stores[1].create(samplePlace(id, { title: 'Second', hostId }))]);
    expect(made.filter(Boolean)).toHaveLength(1);
    const stored = (await stores[0].get(id))!;
    expect(stored.title).toBe(made[0] ? 'First' : 'Second');
    expect(stored.scenes).toHaveLength(3);
  });
});
