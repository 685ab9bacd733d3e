import { describe, expect, it } from 'vitest';
import { createDbPlaceStore } from '../../../server/db/createDbPlaceStore.ts';
import { migrate } from '../../../server/db/migrate.ts';
import { migrations } from '../../../server/db/migrations.ts';
import { usePgliteDirs } from '../../support/usePgliteDirs.ts';
import { samplePlace } from './samplePlace.ts';

const open = await usePgliteDirs('vantage-plan-migration');
const migration = migrations.find((m) => m.id === '0006_floor_plan_image_path')!;

describe('migration 0006: floor-plan images become paths of our own files', () => {
  it("keeps this server's own plan URL as its path and drops any other address", async () => {
    const db = await open('main');
    await migrate(db);
    const places = createDbPlaceStore(db);
    for (const id of ['own', 'cdn', 'outside', 'borrowed', 'none']) await places.put(samplePlace(id));
    // Images as the old floor-plan upload and the old PATCH could leave them.
    const set = (id: string, image: string) => db.query(`update places set floor_plan = jsonb_set(floor_plan, '{image}', to_jsonb($2::text)) where id = $1`, [id, image]);
    await set('own', '/tiles/own/_plan/plan-0123456789ab.png');
    await set('cdn', 'https://cdn.example.com/tiles/cdn/_plan/plan-abcdefabcdef.jpg');
    await set('outside', 'https://tracker.example/pixel.gif');
    await set('borrowed', '/tiles/own/_plan/plan-0123456789ab.png');
    await db.exec(migration.sql);
    const images = Object.fromEntries(await Promise.all(['own', 'cdn', 'outside', 'borrowed', 'none'].map(async (id) => [id, (await places.get(id))!.floorPlan])));
    expect(images.own?.image).toBe('_plan/plan-0123456789ab.png');
    expect(images.cdn?.image).toBe('_plan/plan-abcdefabcdef.jpg');
    expect(images.outside).not.toHaveProperty('image');
    expect(images.borrowed).not.toHaveProperty('image');
    expect(images.none).not.toHaveProperty('image');
    expect(images.outside?.width).toBe(10);
  });
});
