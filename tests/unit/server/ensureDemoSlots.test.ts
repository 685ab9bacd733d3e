import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlotStore } from '../../../server/bookings/createSlotStore.ts';
import { ensureDemoSlots } from '../../../server/demo/ensureDemoSlots.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

let deps: Awaited<ReturnType<typeof createTestDeps>>;
beforeAll(async () => {
  deps = await createTestDeps();
  await deps.places.put({
    id: 'demo-flat', kind: 'home', title: 'Demo', city: '', address: '', price: null, currency: 'CNY', description: '',
    lat: 0, lng: 0, areaM2: null, published: true, startScene: '', scenes: [],
  });
});
afterAll(() => deps.cleanup());

describe('demo visit slots', () => {
  it('publishes a month of viewings on first start and nothing more on the next', async () => {
    const now = new Date();
    const added = await ensureDemoSlots(deps.db, 'demo-flat', now);
    expect(added).toBeGreaterThan(50);
    const week = await createSlotStore(deps.db).list('demo-flat', { from: now, to: new Date(now.getTime() + 7 * 86_400_000) });
    expect(week.length).toBeGreaterThanOrEqual(18);
    expect(week.every((s) => s.start > now && s.capacity === 6)).toBe(true);
    expect(await ensureDemoSlots(deps.db, 'demo-flat', now)).toBe(0);
  });
});
