import { beforeAll, expect, it } from 'vitest';
import { usePgliteDirs } from '../../support/usePgliteDirs.ts';
import { createBookingFixture, type BookingFixture } from './bookingFixture.ts';

// The one text rule (server/protocol/text.ts) on the booking form: text Postgres cannot store
// (a lone UTF-16 surrogate, NUL) is the visitor's mistake, answered 400 naming the field, never a 500.
const open = await usePgliteDirs('vantage-booking-text');
let f: BookingFixture;
beforeAll(async () => {
  f = await createBookingFixture(await open('text'));
}, 60_000);

it.each([
  ['note', 'a lone surrogate', { note: 'ring the bell \ud800 twice' }],
  ['note', 'a NUL', { note: 'ring the bell\u0000' }],
  ['name', 'a lone surrogate', { name: 'Li \udc00Lei' }],
  ['name', 'a NUL', { name: 'Li\u0000Lei' }],
])('a booking whose %s holds %s is a 400 naming the field', async (field, _what, extra) => {
  const s = await f.slot();
  const { res, body } = await f.book(s.id, extra);
  expect([res.status, body.error]).toEqual([400, 'invalid_body']);
  expect(body.message).toMatch(new RegExp(`^${field}: `));
  expect(await f.seatsLeft(s.id)).toBe(4);
});

it('a note may span lines, and is stored as typed', async () => {
  const s = await f.slot();
  const { res, body } = await f.book(s.id, { note: 'first line\r\nsecond line' });
  expect(res.status).toBe(201);
  expect(body.booking.note).toBe('first line\nsecond line');
});
