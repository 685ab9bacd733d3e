import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { createTestDeps } from '../../support/createTestDeps.ts';

// The booking routes as server/app.ts mounts them: public under /api, host routes under
// /api/host behind the same requireHost as the rest of the host API.
let deps: Awaited<ReturnType<typeof createTestDeps>>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp({ places: deps.places, hosts: deps.hosts, signer: deps.signer, tilesDir: deps.tilesDir, assetBaseUrl: '', db: deps.db, bookings: deps.bookings, slots: deps.slots });
}, 60_000);
afterAll(() => deps.cleanup());

it('mounts the booking routes in the app, host ones behind sign-in', async () => {
  expect((await app.request('/api/places/nowhere/slots')).status).toBe(404);
  expect(await (await app.request('/api/places/nowhere/slots')).json()).toMatchObject({ error: 'place_not_found' });
  expect((await app.request('/api/bookings/ABCDE-FGHJK-MNPQR-STVWX')).status).toBe(404);
  const post = await app.request('/api/bookings', { method: 'POST', body: JSON.stringify({ slotId: 'nope', name: 'A', phone: '13800138000' }) });
  expect([post.status, (await post.json()).error]).toEqual([404, 'slot_not_found']);
  for (const path of ['/api/host/places/x/slots', '/api/host/places/x/funnel', '/api/host/places/x/bookings']) {
    expect((await app.request(path)).status, path).toBe(401);
  }
  expect((await app.request('/api/host/checkin', { method: 'POST', body: '{}' })).status).toBe(401);
  const host = await deps.hosts.create({ email: 'w@example.com', name: 'W', password: 'pw-wiring-1' });
  const auth = { authorization: `Bearer ${deps.signer.sign(host.id, 60).token}` };
  expect((await app.request('/api/host/places/x/funnel', { headers: auth })).status).toBe(404);
  // The catch-all still answers unknown API paths.
  expect(await (await app.request('/api/nope')).json()).toMatchObject({ error: 'not_found' });
}, 30_000);

it('the host booking routes fail closed when mounted without requireHost', async () => {
  const { hostBookingRoutes } = await import('../../../server/routes/hostBookingRoutes.ts');
  const bare = hostBookingRoutes({ db: deps.db, bookings: deps.bookings, slots: deps.slots, places: deps.places, hosts: deps.hosts });
  const res = await bare.request('/places/x/slots');
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error: 'unauthenticated' });
});
