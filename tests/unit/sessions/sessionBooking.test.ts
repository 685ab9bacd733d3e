import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingCreateSchema } from '../../../server/protocol/booking.ts';
import { createBookingStore, type BookingStore } from '../../../server/bookings/createBookingStore.ts';
import { createSlotStore } from '../../../server/bookings/createSlotStore.ts';
import { SessionRoom, createRoomState } from '../../../server/sessions/SessionRoom.ts';
import { createBacking, startSessionServer, type Backing, type SessionServer } from './helpers/sessionServer.ts';
import { WsClient, hostKeyOf, joinAs, startSession } from './helpers/wsClient.ts';

/**
 * A viewer who books inside a guided session: the server announces it to the host (and the
 * booker) only once the bookings hold that ticket for this place and this session. Real
 * sockets, bookings on PGlite.
 */
let backing: Backing & { db: NonNullable<Backing['db']> };
let srv: SessionServer;
let bookings: BookingStore;
let slotId = '';
const clients: WsClient[] = [];
const track = (c: WsClient) => (clients.push(c), c);

beforeAll(async () => {
  backing = await createBacking();
  srv = await startSessionServer(backing);
  bookings = createBookingStore(backing.db);
  const start = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3600_000) * 3600_000);
  slotId = (await createSlotStore(backing.db).create(backing.placeId, { start, durationMinutes: 45, capacity: 6, timezone: 'Asia/Shanghai' })).id;
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await srv?.close();
  await backing?.cleanup();
});

const book = async (over: { sessionId?: string; name?: string } = {}) =>
  (await bookings.book(bookingCreateSchema.parse({ slotId, placeId: backing.placeId, name: over.name ?? 'Li Xiuying', phone: '138 0013 8000', partySize: 2, source: 'session', ...over }), { origin: 'test' }));
const hasBooked = (c: WsClient) => c.of('delta').some((d) => d.changes.some((ch) => ch.type === 'booked'));

describe('a booking made in a guided session', () => {
  it('is announced to the host and the booker once the server found it; claims it cannot check are refused', async () => {
    const s = await startSession(srv.url, backing.hostToken, backing.placeId);
    const host = track(await WsClient.connect(srv.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const grandma = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Grandma Li'));
    const uncle = track(await joinAs(srv.url, srv.wsUrl, s.id, 'Uncle'));
    const refused = async (c: WsClient, code: string, ref: string) => {
      c.send({ type: 'booked', code, ref });
      return (await c.next('error', (e) => e.ref === ref)).code;
    };

    // Unknown code, a booking of the place made outside this session, a cancelled one, the host: none is announced.
    expect(await refused(grandma, 'ABCDE-FGHJK-MNPQR-STVWX', 'r1')).toBe('not_allowed');
    const elsewhere = await book();
    expect(await refused(grandma, elsewhere.booking.code, 'r2')).toBe('not_allowed');
    const cancelled = await book({ sessionId: s.id });
    await bookings.cancel(cancelled.manageToken, { origin: 'test' });
    expect(await refused(grandma, cancelled.booking.code, 'r3')).toBe('not_allowed');
    const real = await book({ sessionId: s.id, name: 'Li Xiuying' });
    expect(await refused(host, real.booking.code, 'r4')).toBe('not_allowed');
    expect(hasBooked(host)).toBe(false);

    // Her real one: the host hears who booked which time; she gets it too; the uncle does not.
    grandma.send({ type: 'booked', code: real.booking.code.toLowerCase() });
    const d = await host.next('delta', (x) => x.changes.some((c) => c.type === 'booked'));
    const expected = {
      by: grandma.welcome!.you.id,
      name: 'Grandma Li',
      code: real.booking.code.replace(/(.{5})(?=.)/g, '$1-'),
      slotStart: real.booking.slot.start.toISOString(),
      timezone: 'Asia/Shanghai',
      partySize: 2,
    };
    expect(d.changes).toEqual([{ type: 'booked', booking: { ...expected, at: expect.any(Number) } }]);
    await grandma.next('delta', (x) => x.changes.some((c) => c.type === 'booked'));
    // Said again (a retry after a reconnect): nothing new.
    grandma.send({ type: 'booked', code: real.booking.code });
    host.send({ type: 'goto', sceneId: 'kitchen' });
    await uncle.next('delta', (x) => x.changes.some((c) => c.type === 'room'));
    await host.next('delta', (x) => x.changes.some((c) => c.type === 'room'));
    expect(host.of('delta').filter((x) => x.changes.some((c) => c.type === 'booked'))).toHaveLength(1);
    expect(hasBooked(uncle)).toBe(false);

    // A fresh socket gets it in the snapshot: the host every booking, a viewer their own only.
    const host2 = track(await WsClient.connect(srv.wsUrl, s.id, { hostKey: hostKeyOf(s.hostUrl) }));
    const snap = (c: WsClient) => (c.welcome!.sync.kind === 'snapshot' ? c.welcome!.sync.state : null);
    expect(snap(host2)!.bookings).toEqual([expect.objectContaining(expected)]);
    const grandma2 = track(await WsClient.connect(srv.wsUrl, s.id, { token: grandma.welcome!.resumeToken }));
    expect(snap(grandma2)!.bookings).toEqual([expect.objectContaining(expected)]);
    const uncle2 = track(await WsClient.connect(srv.wsUrl, s.id, { token: uncle.welcome!.resumeToken }));
    expect(snap(uncle2)!.bookings).toEqual([]);
  });

  it('the room announces only a booking its event carries checked (a bare intent on the bus does nothing)', () => {
    const room = new SessionRoom(
      createRoomState({ id: 's', placeId: 'flat', hostId: 'h1', hostName: 'Agent', sceneIds: [], startScene: 'living', startView: { yaw: 0, pitch: 0, fov: 80 }, maxViewers: 10, at: 1 }),
      0,
    );
    room.apply(1, { type: 'attach', pid: 'v1', name: 'Mum', role: 'viewer', conn: 'i~1', at: 2, origin: 'i' });
    expect(room.apply(2, { type: 'intent', by: 'v1', intent: { type: 'booked', code: 'X' }, at: 3, origin: 'i' })).toBeNull();
    const booking = { code: 'AAAAA-BBBBB-CCCCC-DDDDD', slotStart: '2026-06-06T02:00:00.000Z', timezone: 'Asia/Shanghai', partySize: 1 };
    const applied = room.apply(3, { type: 'intent', by: 'v1', intent: { type: 'booked', code: booking.code }, at: 4, origin: 'i', booking })!;
    // Private to the booker (and the host), even if she led the tour.
    expect(applied.audience).toEqual(['v1']);
    expect(room.snapshotFor('v1').bookings).toHaveLength(1);
    expect(room.apply(4, { type: 'intent', by: 'v1', intent: { type: 'booked', code: booking.code }, at: 5, origin: 'i', booking })).toBeNull();
  });
});
