import { expect, it } from 'vitest';
import type { Queryable } from '../../../server/db/Db.ts';
import { createBookingBatcher, type BookingWrite } from '../../../server/bookings/createBookingBatcher.ts';

const write = (name: string): BookingWrite => ({
  slotId: 'slot-1', partySize: 1, at: new Date('2026-12-02T10:00:00Z'), placeId: null, id: `id-${name}`, code: 'ABCDEFGHJKMNPQRSTVWX',
  manageTokenHash: 'h', name, phone: '+8613800138000', note: '', source: null, sessionId: null, locale: null,
  idempotencyKey: null, requestHash: null, sealedManageToken: null, outbox: [],
});

/** A database that answers book_batch from `judge` and records each call's requests. */
function fakeDb(judge: (r: { n: number; name: string }[]) => { request: number; result: string }[]) {
  const calls: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const db: Queryable = {
    async query<T>(sql: string, params?: unknown[]) {
      expect(sql).toContain('book_batch');
      const rows = JSON.parse(params![0] as string) as { n: number; name: string }[];
      calls.push(rows.map((r) => r.name));
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return judge(rows) as T[];
    },
    exec: async () => {},
  };
  return { db, calls, maxInFlight: () => maxInFlight };
}

const bookAll = (rows: { n: number }[]) => rows.map((r) => ({ request: r.n, result: 'booked' }));

it('a lone booking goes at once, alone; bookings that arrive meanwhile go together as the next batch', async () => {
  const { db, calls, maxInFlight } = fakeDb(bookAll);
  const batcher = createBookingBatcher(db);
  expect(await batcher.write(write('alone'))).toBe('booked');
  const first = batcher.write(write('a'));
  await new Promise((r) => setTimeout(r, 1)); // 'a' is in flight now
  const rest = ['b', 'c', 'd'].map((n) => batcher.write(write(n)));
  expect(await Promise.all([first, ...rest])).toEqual(['booked', 'booked', 'booked', 'booked']);
  expect(calls).toEqual([['alone'], ['a'], ['b', 'c', 'd']]);
  expect(maxInFlight()).toBe(1);
});

it('each write gets its own outcome, by request number, whatever order the database answers in', async () => {
  const { db } = fakeDb((rows) => rows.map((r) => ({ request: r.n, result: r.name === 'late' ? 'refused' : r.name === 'again' ? 'duplicate' : 'booked' })).reverse());
  const batcher = createBookingBatcher(db);
  expect(await Promise.all(['x', 'late', 'again', 'y'].map((n) => batcher.write(write(n))))).toEqual(['booked', 'refused', 'duplicate', 'booked']);
});

it('a batch that fails as a whole is retried one write at a time: only the bad write fails', async () => {
  const { db, calls } = fakeDb((rows) => {
    if (rows.some((r) => r.name === 'bad')) throw Object.assign(new Error('violates check constraint "test"'), { code: '23514' });
    return bookAll(rows);
  });
  const batcher = createBookingBatcher(db);
  const results = await Promise.allSettled(['p', 'bad', 'q'].map((n) => batcher.write(write(n))));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23514' });
  expect(calls).toEqual([['p', 'bad', 'q'], ['p'], ['bad'], ['q']]);
});

it('keeps batches to maxBatch and overlaps at most maxInFlight of them', async () => {
  const { db, calls, maxInFlight } = fakeDb(bookAll);
  const batcher = createBookingBatcher(db, { maxBatch: 4, maxInFlight: 2 });
  await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.write(write(`w${i}`))));
  expect(calls.map((c) => c.length)).toEqual([4, 4, 2]);
  expect(maxInFlight()).toBe(2);
});

it('a missing answer for a write is an error, not a hang', async () => {
  const { db } = fakeDb(() => []);
  await expect(createBookingBatcher(db).write(write('lost'))).rejects.toThrow(/no result for request 0/);
});
