import sharp from 'sharp';
import jsQR from 'jsqr';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { createBookingStore } from '../../../server/bookings/createBookingStore.ts';
import { hashToken } from '../../../server/bookings/hashToken.ts';
import type { Booking, CheckinResult, Funnel, HostBooking, HostSlot, PlaceFeedback, Slot, WeeklySlotsResult } from '../../../server/protocol/booking.ts';
import { samplePlace } from '../db/samplePlace.ts';
import { createBookingFixture, DAY, HOUR, type BookingFixture, type DbHarness } from './bookingFixture.ts';
import { notificationCases } from './notifications.case.ts';

const CODE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;
const json = async <T>(res: Response) => (await res.json()) as T;

/** The booking cases every engine must pass: store rules and the HTTP routes over them. */
export function bookingCases(h: DbHarness): void {
  describe(`bookings on ${h.engine}`, () => {
    let db: Db;
    let f: BookingFixture;
    beforeAll(async () => {
      db = await h.open('main');
      f = await createBookingFixture(db);
    }, 60_000);
    afterEach(() => {
      f.clock.offsetMs = 0;
    });

    describe('slots', () => {
      it('a host publishes a slot; visitors see it with the seats left', async () => {
        const s = await f.slot({ capacity: 3 });
        expect(s).toMatchObject({ placeId: f.ids.flat, capacity: 3, seatsLeft: 3, booked: 0, bookings: 0, durationMinutes: 60, timezone: 'Asia/Shanghai' });
        expect(Date.parse(s.end) - Date.parse(s.start)).toBe(60 * 60_000);
        await f.book(s.id, { partySize: 2 });
        const pub = await json<Slot[]>(await f.app.request(`/api/places/${f.ids.flat}/slots`));
        expect(pub.find((x) => x.id === s.id)).toStrictEqual({
          id: s.id, placeId: f.ids.flat, start: s.start, end: s.end, durationMinutes: 60, capacity: 3, seatsLeft: 1, timezone: 'Asia/Shanghai',
        });
        const host = await json<HostSlot[]>(await f.app.request(`/api/host/places/${f.ids.flat}/slots`, f.asHost('alice')));
        expect(host.find((x) => x.id === s.id)).toMatchObject({ booked: 2, bookings: 1, checkedIn: 0, seatsLeft: 1 });
      });

      it('refuses bad slots with the field named: past start, zero capacity, bad zone, a start the place already has', async () => {
        const url = `/api/host/places/${f.ids.flat}/slots`;
        const future = new Date(Date.now() + 5 * DAY).toISOString();
        const cases: [unknown, number, string, RegExp][] = [
          [{ start: new Date(Date.now() - HOUR).toISOString(), durationMinutes: 60, capacity: 2 }, 400, 'start', /already passed/],
          [{ start: future, durationMinutes: 60, capacity: 0 }, 400, 'capacity', /at least 1/],
          [{ start: future, durationMinutes: 2, capacity: 2 }, 400, 'durationMinutes', /at least 5 minutes/],
          [{ start: '2026-06-01 10:00', durationMinutes: 60, capacity: 2 }, 400, 'start', /ISO date-time/],
          [{ start: future, durationMinutes: 60, capacity: 2, timezone: 'Mars/Olympus' }, 400, 'timezone', /unknown time zone/],
        ];
        for (const [body, status, field, message] of cases) {
          const res = await f.app.request(url, f.asHost('alice', body));
          const err = await json<{ field: string; message: string }>(res);
          expect([res.status, err.field], JSON.stringify(body)).toEqual([status, field]);
          expect(err.message).toMatch(message);
        }
        const s = await f.slot();
        const again = await f.app.request(url, f.asHost('alice', { start: s.start, durationMinutes: 30, capacity: 9 }));
        expect(again.status).toBe(409);
        expect(await again.json()).toMatchObject({ error: 'slot_exists', field: 'start' });
      });

      it('hosts reach only their own places; visitors never see unpublished or unknown places', async () => {
        const body = { start: new Date(Date.now() + 5 * DAY).toISOString(), durationMinutes: 30, capacity: 2 };
        expect((await f.app.request(`/api/host/places/${f.ids.flat}/slots`, f.asHost('bob', body))).status).toBe(404);
        expect((await f.app.request(`/api/host/places/${f.ids.flat}/slots`, f.asHost('bob'))).status).toBe(404);
        expect((await f.app.request(`/api/host/places/${f.ids.flat}/slots`, f.post(body))).status).toBe(401);
        const draftSlot = await f.slot({ place: f.ids.draft });
        expect(draftSlot.placeId).toBe(f.ids.draft);
        const res = await f.app.request(`/api/places/${f.ids.draft}/slots`);
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ error: 'place_not_found' });
        expect((await f.app.request('/api/places/no-such-place/slots')).status).toBe(404);
        // Booking an unpublished place's slot is as if it did not exist.
        expect((await f.book(draftSlot.id)).res.status).toBe(404);
      });

      it('the issue’s path POST /api/places/:id/slots publishes too, for the place’s host only', async () => {
        const body = { start: new Date(Date.now() + 6 * DAY).toISOString(), durationMinutes: 45, capacity: 5 };
        const ok = await f.app.request(`/api/places/${f.ids.loft}/slots`, f.asHost('alice', body));
        expect(ok.status).toBe(201);
        expect(await ok.json()).toMatchObject({ placeId: f.ids.loft, capacity: 5, seatsLeft: 5 });
        expect((await f.app.request(`/api/places/${f.ids.loft}/slots`, f.post(body))).status).toBe(401);
        expect((await f.app.request(`/api/places/${f.ids.loft}/slots`, f.asHost('bob', body))).status).toBe(404);
      });

      it('a weekly template publishes every start in the place’s zone, and applying it twice adds nothing', async () => {
        const template = { weekdays: ['mon', 'sat'], times: ['10:00', '14:30'], durationMinutes: 60, capacity: 6, timezone: 'Asia/Shanghai', from: '2031-03-01', weeks: 2 };
        const url = `/api/host/places/${f.ids.loft}/slots/weekly`;
        const first = await json<WeeklySlotsResult>(await f.app.request(url, f.asHost('alice', template)));
        // 2031-03-01 is a Saturday: Sat 1, Mon 3, Sat 8, Mon 10 — two times each; 10:00 in Shanghai is 02:00Z.
        expect(first.created.map((s) => s.start)).toEqual([
          '2031-03-01T02:00:00.000Z', '2031-03-01T06:30:00.000Z', '2031-03-03T02:00:00.000Z', '2031-03-03T06:30:00.000Z',
          '2031-03-08T02:00:00.000Z', '2031-03-08T06:30:00.000Z', '2031-03-10T02:00:00.000Z', '2031-03-10T06:30:00.000Z',
        ]);
        expect(first.skipped).toBe(0);
        expect(first.created.every((s) => s.capacity === 6 && s.timezone === 'Asia/Shanghai')).toBe(true);
        const second = await json<WeeklySlotsResult>(await f.app.request(url, f.asHost('alice', template)));
        expect(second).toEqual({ created: [], skipped: 8 });
        // Across a DST change the local time holds: London 10:00 is 10:00Z in March, 09:00Z in April.
        const london = await json<WeeklySlotsResult>(
          await f.app.request(url, f.asHost('alice', { ...template, weekdays: ['sun'], times: ['10:00'], timezone: 'Europe/London', from: '2031-03-23', weeks: 2 })),
        );
        expect(london.created.map((s) => s.start)).toEqual(['2031-03-23T10:00:00.000Z', '2031-03-30T09:00:00.000Z']);
        const bad = await f.app.request(url, f.asHost('alice', { ...template, times: ['25:00'] }));
        expect(bad.status).toBe(400);
        expect(await bad.json()).toMatchObject({ field: 'times.0', message: 'times.0: use HH:MM, 24-hour' });
      });

      it('deletes a slot only while nobody holds a seat in it', async () => {
        const s = await f.slot();
        const { body } = await f.book(s.id, { partySize: 2 });
        const url = `/api/host/places/${f.ids.flat}/slots/${s.id}`;
        const refused = await f.app.request(url, { ...f.asHost('alice'), method: 'DELETE' });
        expect(refused.status).toBe(409);
        expect(await refused.json()).toMatchObject({ error: 'slot_has_bookings', message: expect.stringContaining('1 confirmed booking (2 people)') });
        expect((await f.app.request(url, { ...f.asHost('bob'), method: 'DELETE' })).status).toBe(404);
        await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
        expect((await f.app.request(url, { ...f.asHost('alice'), method: 'DELETE' })).status).toBe(204);
        expect((await f.app.request(url, { ...f.asHost('alice'), method: 'DELETE' })).status).toBe(404);
        expect((await f.book(s.id)).res.status).toBe(404);
      });
    });

    describe('booking', () => {
      it('books: 201 with an unguessable ticket code and manage token; only the token’s hash is stored', async () => {
        const s = await f.slot({ capacity: 4 });
        const { res, body } = await f.book(s.id, { name: '  王小明 ', phone: '+86 139-1234-5678', partySize: 3, note: 'Grandma uses a wheelchair', source: 'tour' });
        expect(res.status).toBe(201);
        expect(res.headers.get('location')).toBe(`/api/bookings/${body.booking.code}`);
        expect(body.booking.code).toMatch(CODE);
        // 20 base32 symbols = 100 bits; the manage token is 128 bits of base64url.
        expect(body.manageToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(body.manageUrl).toBe(`/book/manage/${body.manageToken}`);
        expect(body.booking).toMatchObject({
          status: 'confirmed', name: '王小明', phone: '+86 139****5678', partySize: 3, note: 'Grandma uses a wheelchair',
          place: { id: f.ids.flat, title: 'River flat' }, slot: { id: s.id, start: s.start, timezone: 'Asia/Shanghai' },
          can: { cancel: true, reschedule: true, feedback: false }, checkedInAt: null, cancelledAt: null,
        });
        expect(await f.seatsLeft(s.id)).toBe(1);
        const [row] = await db.query<Record<string, unknown>>('select * from bookings where code = $1', [body.booking.code.replace(/-/g, '')]);
        expect(row.phone).toBe('+8613912345678');
        expect(row.manage_token_hash).toBe(hashToken(body.manageToken));
        expect(JSON.stringify(row)).not.toContain(body.manageToken);
        // The code reads back typed any way a person might: lower case, no dashes, O for 0.
        for (const typed of [body.booking.code, body.booking.code.toLowerCase(), body.booking.code.replace(/-/g, ''), body.booking.code.replace(/0/g, 'O')]) {
          const got = await f.app.request(`/api/bookings/${encodeURIComponent(typed)}`);
          expect(got.status, typed).toBe(200);
          expect(((await got.json()) as Booking).code).toBe(body.booking.code);
        }
        const manage = await json<Booking>(await f.app.request(`/api/bookings/manage/${body.manageToken}`));
        expect(manage.code).toBe(body.booking.code);
        expect((await f.app.request('/api/bookings/ABCDE-FGHJK-MNPQR-STVWX')).status).toBe(404);
        expect((await f.app.request('/api/bookings/manage/not-a-token')).status).toBe(404);
      });

      it('a thousand codes and tokens are all distinct and use the whole alphabet', async () => {
        const { newTicketCode } = await import('../../../server/bookings/newTicketCode.ts');
        const codes = new Set(Array.from({ length: 1000 }, () => newTicketCode()));
        expect(codes.size).toBe(1000);
        expect(new Set([...codes].join('')).size).toBe(32);
      });

      it('refuses bad input with every field named, and writes nothing', async () => {
        const s = await f.slot({ capacity: 2 });
        const count = async () => (await db.query<{ n: number }>('select count(*) as n from bookings where slot_id = $1', [s.id]))[0].n;
        const { res, body } = await f.book(s.id, { name: '', phone: '12345', partySize: 0, note: 'x'.repeat(501) });
        expect(res.status).toBe(400);
        const issues = (body as unknown as { issues: { field: string; message: string }[] }).issues;
        expect(issues.map((i) => i.field)).toEqual(['name', 'phone', 'partySize', 'note']);
        expect(body.message).toBe('name: enter your name');
        expect(issues[1].message).toMatch(/mainland mobile number has 11 digits/);
        expect(issues[3].message).toBe('use at most 500 characters');
        // 500 characters is fine, counted as people count them (each emoji is one).
        expect((await f.book(s.id, { note: '🏠'.repeat(500) })).res.status).toBe(201);
        const bad: [Record<string, unknown>, string, RegExp][] = [
          [{ phone: '+86 123 4567 8901' }, 'phone', /\+86 number must be a mobile/],
          [{ phone: '12345678901' }, 'phone', /starts 13–19/],
          [{ phone: '020 7946 0958' }, 'phone', /country code/],
          [{ phone: 'call me' }, 'phone', /digits only/],
          [{ phone: '+1 23' }, 'phone', /7–15 digits/],
          [{ name: 'Bad\u0000Name' }, 'name', /control characters/],
          [{ name: 'x'.repeat(81) }, 'name', /at most 80/],
          [{ partySize: 2.5 }, 'partySize', /whole number/],
          [{ partySize: 51 }, 'partySize', /at most 50/],
          [{ partySize: '2' }, 'partySize', /how many people/],
          [{ slotId: '' }, 'slotId', /enter the slot/],
        ];
        for (const [extra, field, message] of bad) {
          const r = await f.book(s.id, extra);
          expect([r.res.status, r.body.field], JSON.stringify(extra)).toEqual([400, field]);
          expect(r.body.message).toMatch(message);
        }
        const notJson = await f.app.request('/api/bookings', { method: 'POST', body: '{"slotId":' });
        expect([notJson.status, (await notJson.json()).error]).toEqual([400, 'invalid_json']);
        expect(await count()).toBe(1);
        expect(await f.seatsLeft(s.id)).toBe(1);
      });

      it('takes mainland and international phone forms, stored as E.164', async () => {
        const s = await f.slot({ capacity: 10 });
        const forms: [string, string][] = [
          ['13800138000', '+8613800138000'],
          ['138 0013 8000', '+8613800138000'],
          ['+86 (138) 0013-8000', '+8613800138000'],
          ['008613800138000', '+8613800138000'],
          ['+44 20 7946 0958', '+442079460958'],
          ['+1 (415) 555-0132', '+14155550132'],
        ];
        for (const [typed, e164] of forms) {
          const { res, body } = await f.book(s.id, { phone: typed });
          expect(res.status, typed).toBe(201);
          const [row] = await db.query<{ phone: string }>('select phone from bookings where code = $1', [body.booking.code.replace(/-/g, '')]);
          expect(row.phone).toBe(e164);
        }
      });

      it('refuses a past slot, an unknown slot or place, too big a party and a full slot — each with its reason', async () => {
        const s = await f.slot({ capacity: 3, inMs: 2 * HOUR });
        const other = await f.slot({ place: f.ids.loft });
        const cases: [Record<string, unknown>, number, string, string][] = [
          [{ slotId: 'no-such-slot' }, 404, 'slot_not_found', 'slotId'],
          [{ slotId: s.id, placeId: 'no-such-place' }, 404, 'place_not_found', 'placeId'],
          [{ slotId: other.id, placeId: f.ids.flat }, 404, 'slot_not_found', 'slotId'],
          [{ slotId: s.id, partySize: 4 }, 409, 'not_enough_seats', 'partySize'],
        ];
        for (const [body, status, error, field] of cases) {
          const r = await f.book(body.slotId as string, body);
          expect([r.res.status, r.body.error, r.body.field], JSON.stringify(body)).toEqual([status, error, field]);
        }
        expect((await f.book(s.id, { partySize: 4 })).body).toMatchObject({ seatsLeft: 3, message: expect.stringContaining('only 3 places are left') });
        expect((await f.book(s.id, { partySize: 3, placeId: f.ids.flat })).res.status).toBe(201);
        const full = await f.book(s.id);
        expect([full.res.status, full.body.error, full.body.seatsLeft]).toEqual([409, 'slot_full', 0]);
        expect(full.body.message).toBe('slotId: this slot is full; pick another time.');
        const later = await f.slot({ capacity: 3, inMs: 2 * HOUR });
        f.clock.offsetMs = 3 * HOUR;
        const past = await f.book(later.id);
        expect([past.res.status, past.body.error, past.body.field]).toEqual([409, 'slot_started', 'slotId']);
        expect(past.body.message).toMatch(/this visit started at \w{3} \d{4}-\d\d-\d\d \d\d:\d\d; pick a later time/);
        // Started slots are not offered any more.
        const offered = await json<Slot[]>(await f.app.request(`/api/places/${f.ids.flat}/slots`));
        expect(offered.find((x) => x.id === later.id)).toBeUndefined();
        expect(await f.seatsLeft(later.id)).toBe(3);
      });

      it('500 concurrent attempts on a one-seat slot over HTTP: exactly one 201, 499 clear 409s', async () => {
        const s = await f.slot({ capacity: 1 });
        const results = await Promise.all(
          Array.from({ length: 500 }, (_, i) => f.book(s.id, { name: `Visitor ${i}`, phone: `139${String(i).padStart(8, '0')}` })),
        );
        const statuses = results.map((r) => r.res.status);
        expect(statuses.filter((x) => x === 201)).toHaveLength(1);
        expect(statuses.filter((x) => x === 409)).toHaveLength(499);
        const refusals = results.filter((r) => r.res.status === 409).map((r) => r.body);
        expect(new Set(refusals.map((b) => `${b.error}|${b.message}`))).toEqual(new Set(['slot_full|slotId: this slot is full; pick another time.']));
        expect(await f.seatsLeft(s.id)).toBe(0);
        const rows = await db.query<{ n: number; people: number }>(`select count(*) as n, sum(party_size) as people from bookings where slot_id = $1`, [s.id]);
        expect(rows).toEqual([{ n: 1, people: 1 }]);
      }, 120_000);

      it('500 concurrent attempts through the repository with mixed party sizes fill a slot exactly, never beyond', async () => {
        const s = await f.slot({ capacity: 7 });
        const store = createBookingStore(db, f.now);
        const sizes = Array.from({ length: 500 }, (_, i) => 1 + (i % 3));
        const results = await Promise.allSettled(
          sizes.map((partySize, i) => store.book({ slotId: s.id, name: `R${i}`, phone: '+8613800138000', partySize, note: '' }, { origin: 'http://x' })),
        );
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [sizes[i]] : []));
        const total = won.reduce((a, b) => a + b, 0);
        expect(total).toBeLessThanOrEqual(7);
        // The last seats go to whoever fits: the slot ends full unless only bigger parties were left.
        expect(total).toBeGreaterThanOrEqual(5);
        for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toMatch(/^(slot_full|not_enough_seats)$/);
        const [{ booked }] = await db.query<{ booked: number }>('select booked from slots where id = $1', [s.id]);
        const [{ people }] = await db.query<{ people: number }>(`select coalesce(sum(party_size), 0) as people from bookings where slot_id = $1 and status = 'confirmed'`, [s.id]);
        expect([booked, people]).toEqual([total, total]);
      }, 120_000);

      it('the database itself refuses an overbooked slot, whatever the code does', async () => {
        const s = await f.slot({ capacity: 2 });
        await expect(db.query('update slots set booked = 3 where id = $1', [s.id])).rejects.toThrow(/check/i);
      });

      it('a double submit with one Idempotency-Key makes one booking: same body replays, another body is a 422', async () => {
        const s = await f.slot({ capacity: 5 });
        const key = crypto.randomUUID();
        const first = await f.book(s.id, { partySize: 2 }, { 'idempotency-key': key });
        expect(first.res.status).toBe(201);
        expect(first.res.headers.get('idempotent-replayed')).toBeNull();
        // The same request typed differently (spaces in the phone) is the same request.
        const again = await f.book(s.id, { partySize: 2, phone: '13800138000' }, { 'idempotency-key': key });
        expect(again.res.status).toBe(201);
        expect(again.res.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body.booking.code).toBe(first.body.booking.code);
        expect(again.body.manageToken).toBe(first.body.manageToken);
        const other = await f.book(s.id, { partySize: 3 }, { 'idempotency-key': key });
        expect([other.res.status, other.body.error, other.body.field]).toEqual([422, 'idempotency_key_reused', 'Idempotency-Key']);
        expect(await f.seatsLeft(s.id)).toBe(3);
        // Twenty submits at once with one key: one booking, every answer the same.
        const key2 = crypto.randomUUID();
        const burst = await Promise.all(Array.from({ length: 20 }, () => f.book(s.id, { name: 'Burst' }, { 'idempotency-key': key2 })));
        expect(new Set(burst.map((r) => r.res.status))).toEqual(new Set([201]));
        expect(new Set(burst.map((r) => r.body.booking.code)).size).toBe(1);
        expect(new Set(burst.map((r) => r.body.manageToken)).size).toBe(1);
        expect(await f.seatsLeft(s.id)).toBe(2);
        const short = await f.book(s.id, {}, { 'idempotency-key': 'abc' });
        expect([short.res.status, short.body.field]).toEqual([400, 'Idempotency-Key']);
      });

      it('nothing is half-written: when the outbox write fails, the seat and the booking roll back', async () => {
        const s = await f.slot({ capacity: 2 });
        await db.exec(`alter table notification_outbox add constraint test_fail_outbox check (payload -> 'booking' ->> 'name' <> 'Fail Me')`);
        const logged = f.errorLog.length;
        try {
          const before = (await db.query<{ n: number }>('select count(*) as n from bookings'))[0].n;
          const r = await f.book(s.id, { name: 'Fail Me', partySize: 2 });
          expect([r.res.status, r.body.error]).toEqual([500, 'internal']);
          expect(await f.seatsLeft(s.id)).toBe(2);
          expect((await db.query<{ n: number }>('select count(*) as n from bookings'))[0].n).toBe(before);
          // The operator's log has the cause (one JSON line with the stack); the visitor only the sentence.
          expect(JSON.stringify(f.errorLog.slice(logged))).toMatch(/test_fail_outbox/);
          expect(f.errorLog.slice(logged)).toEqual([expect.objectContaining({ level: 'error', err: expect.objectContaining({ stack: expect.any(String) }) })]);
        } finally {
          await db.exec('alter table notification_outbox drop constraint test_fail_outbox');
        }
        expect((await f.book(s.id, { partySize: 2 })).res.status).toBe(201);
      });

      it('bookings that arrive together commit together, each with its three outbox rows; the rest are refused with the reason', async () => {
        const s = await f.slot({ capacity: 30 });
        // 40 submits at once: they reach the database in a few batches (group commit).
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => f.book(s.id, { name: `Group ${i}`, phone: `137${String(i).padStart(8, '0')}` }, { 'idempotency-key': crypto.randomUUID() })),
        );
        const won = results.filter((r) => r.res.status === 201);
        expect(won).toHaveLength(30);
        const refused = results.filter((r) => r.res.status !== 201).map((r) => [r.res.status, r.body.error, r.body.seatsLeft]);
        expect(refused).toEqual(Array.from({ length: 10 }, () => [409, 'slot_full', 0]));
        expect(await f.seatsLeft(s.id)).toBe(0);
        const outbox = await db.query<{ code: string; kinds: string[] }>(
          `select b.code, array_agg(o.kind order by o.kind) as kinds from bookings b join notification_outbox o on o.booking_id = b.id
           where b.slot_id = $1 group by b.code`,
          [s.id],
        );
        expect(outbox).toHaveLength(30);
        for (const row of outbox) expect(row.kinds).toEqual(['booking_created', 'feedback_request', 'reminder']);
        expect(new Set(outbox.map((r) => r.code))).toEqual(new Set(won.map((r) => r.body.booking.code.replaceAll('-', ''))));
      });

      it("a ticket carries the place's Chinese texts, and a Chinese booking's messages name the place in Chinese", async () => {
        const loft = (await f.places.get(f.ids.loft))!;
        await f.places.put({ ...loft, titleZh: '城市阁楼', addressZh: '钱江路1号', cityZh: '' });
        try {
          const s = await f.slot({ place: f.ids.loft });
          const { res, body } = await f.book(s.id, { locale: 'zh' });
          expect(res.status).toBe(201);
          expect(body.booking.place).toEqual({ id: f.ids.loft, title: 'City loft', address: loft.address, city: loft.city, kind: 'home', titleZh: '城市阁楼', addressZh: '钱江路1号' });
          const [row] = await db.query<{ title: string; address: string }>(
            `select o.payload -> 'booking' ->> 'placeTitle' as title, o.payload -> 'booking' ->> 'placeAddress' as address
             from notification_outbox o join bookings b on b.id = o.booking_id where b.code = $1 limit 1`,
            [body.booking.code.replaceAll('-', '')],
          );
          expect(row).toEqual({ title: '城市阁楼', address: '钱江路1号' });
        } finally {
          await f.places.put(loft);
        }
      });

      it('a party too big for what an earlier booking in the same batch left is refused with the seats still left', async () => {
        const s = await f.slot({ capacity: 4 });
        const [a, b] = await Promise.all([f.book(s.id, { partySize: 3 }), f.book(s.id, { partySize: 2 })]);
        const statuses = [a.res.status, b.res.status].sort();
        expect(statuses).toEqual([201, 409]);
        const loser = a.res.status === 409 ? a : b;
        const left = 4 - (a.res.status === 201 ? 3 : 2);
        expect(loser.body).toMatchObject({ error: 'not_enough_seats', field: 'partySize', seatsLeft: left, message: expect.stringContaining(`only ${left}`) });
        expect(await f.seatsLeft(s.id)).toBe(left);
      });

      it('one booking the database refuses does not fail the others that arrived with it', async () => {
        const s = await f.slot({ capacity: 10 });
        await db.exec(`alter table notification_outbox add constraint test_fail_batch check (payload -> 'booking' ->> 'name' <> 'Fail Batch')`);
        const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
        try {
          const names = ['A', 'B', 'Fail Batch', 'C', 'D'];
          const results = await Promise.all(names.map((name) => f.book(s.id, { name })));
          expect(results.map((r) => r.res.status)).toEqual([201, 201, 500, 201, 201]);
          expect(await f.seatsLeft(s.id)).toBe(6);
          const [{ n }] = await db.query<{ n: number }>(`select count(*) as n from bookings where slot_id = $1 and name = 'Fail Batch'`, [s.id]);
          expect(n).toBe(0);
        } finally {
          logged.mockRestore();
          await db.exec('alter table notification_outbox drop constraint test_fail_batch');
        }
      });

      it('rate-limits booking floods per address', async () => {
        const limited = await createBookingFixture(db, { rateLimits: { bookings: { burst: 3, perSecond: 0.01 } } });
        const s = await limited.slot({ capacity: 10 });
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await limited.book(s.id)).res.status);
        expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
      });
    });

    describe('the manage link', () => {
      it('cancels, freeing the seats; a second cancel changes nothing; the ticket reads cancelled', async () => {
        const s = await f.slot({ capacity: 2 });
        const { body } = await f.book(s.id, { partySize: 2 });
        expect((await f.book(s.id)).res.status).toBe(409);
        const res = await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String), can: { cancel: false, reschedule: false, feedback: false } });
        expect(await f.seatsLeft(s.id)).toBe(2);
        const again = await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
        expect(again.status).toBe(200);
        expect(await f.seatsLeft(s.id)).toBe(2);
        expect((await json<Booking>(await f.app.request(`/api/bookings/${body.booking.code}`))).status).toBe('cancelled');
        expect((await f.book(s.id, { partySize: 2 })).res.status).toBe(201);
        expect((await f.app.request('/api/bookings/manage/AAAAAAAAAAAAAAAAAAAAAA/cancel', { method: 'POST' })).status).toBe(404);
        const kinds = await db.query<{ kind: string; status: string }>(
          `select o.kind, o.status from notification_outbox o join bookings b on b.id = o.booking_id where b.code = $1 order by o.created_at, o.kind`,
          [body.booking.code.replace(/-/g, '')],
        );
        expect(kinds).toEqual(
          expect.arrayContaining([
            { kind: 'booking_created', status: 'pending' },
            { kind: 'reminder', status: 'skipped' },
            { kind: 'feedback_request', status: 'skipped' },
            { kind: 'booking_cancelled', status: 'pending' },
          ]),
        );
        expect(kinds.filter((k) => k.kind === 'booking_cancelled')).toHaveLength(1);
      });

      it('reschedules to another slot of the place, moving the seats; refuses full, other places’ and started slots', async () => {
        const a = await f.slot({ capacity: 3 });
        const b = await f.slot({ capacity: 3 });
        const tiny = await f.slot({ capacity: 1 });
        const elsewhere = await f.slot({ place: f.ids.loft });
        const { body } = await f.book(a.id, { partySize: 2 });
        const url = `/api/bookings/manage/${body.manageToken}/reschedule`;
        const moved = await f.app.request(url, f.post({ slotId: b.id }));
        expect(moved.status).toBe(200);
        expect(await moved.json()).toMatchObject({ code: body.booking.code, slot: { id: b.id, start: b.start }, partySize: 2 });
        expect([await f.seatsLeft(a.id), await f.seatsLeft(b.id)]).toEqual([3, 1]);
        // Growing the party in place is checked against the seats it already holds.
        expect((await f.app.request(url, f.post({ slotId: b.id, partySize: 3 }))).status).toBe(200);
        expect(await f.seatsLeft(b.id)).toBe(0);
        const tooBig = await f.app.request(url, f.post({ slotId: tiny.id }));
        expect(tooBig.status).toBe(409);
        expect(await tooBig.json()).toMatchObject({ error: 'not_enough_seats', seatsLeft: 1, field: 'partySize' });
        const wrong = await f.app.request(url, f.post({ slotId: elsewhere.id }));
        expect([wrong.status, (await wrong.json()).field]).toEqual([404, 'slotId']);
        expect([await f.seatsLeft(b.id), await f.seatsLeft(tiny.id)]).toEqual([0, 1]);
        const ics = await (await f.app.request(`/api/bookings/${body.booking.code}/ticket.ics`)).text();
        expect(ics).toContain('SEQUENCE:2');
        // A started visit can no longer move.
        f.clock.offsetMs = 4 * DAY;
        const late = await f.app.request(url, f.post({ slotId: a.id }));
        expect([late.status, (await late.json()).error]).toEqual([409, 'visit_started']);
      });

      it('rates the visit once it has started, and again to change it; the host sees ratings per place', async () => {
        const s = await f.slot({ place: f.ids.loft, inMs: 2 * HOUR });
        const { body } = await f.book(s.id, { name: 'Rater' });
        const url = `/api/bookings/manage/${body.manageToken}/feedback`;
        const early = await f.app.request(url, f.post({ rating: 5 }));
        expect([early.status, (await early.json()).error]).toEqual([409, 'too_early']);
        f.clock.offsetMs = 4 * HOUR;
        expect((await json<Booking>(await f.app.request(`/api/bookings/manage/${body.manageToken}`))).can.feedback).toBe(true);
        const bad = await f.app.request(url, f.post({ rating: 6 }));
        expect([bad.status, (await bad.json()).field]).toEqual([400, 'rating']);
        expect((await f.app.request(url, f.post({ rating: 2, comment: 'Noisy street' }))).status).toBe(200);
        const res = await f.app.request(url, f.post({ rating: 4, comment: '  Lovely light, noisy street  ' }));
        expect(await res.json()).toMatchObject({ feedback: { rating: 4, comment: 'Lovely light, noisy street' } });
        const list = await json<PlaceFeedback>(await f.app.request(`/api/host/places/${f.ids.loft}/feedback`, f.asHost('alice')));
        expect(list.count).toBe(1);
        expect(list.averageRating).toBe(4);
        expect(list.items[0]).toMatchObject({ code: body.booking.code, name: 'Rater', rating: 4, comment: 'Lovely light, noisy street', slotStart: s.start });
        expect((await f.app.request(`/api/host/places/${f.ids.loft}/feedback`, f.asHost('bob'))).status).toBe(404);
        const hostList = await json<HostBooking[]>(await f.app.request(`/api/host/places/${f.ids.loft}/bookings?slotId=${s.id}`, f.asHost('alice')));
        expect(hostList.map((x) => x.rating)).toEqual([4]);
      });
    });

    describe('check-in at the door', () => {
      const checkin = (code: string, placeId: string, who: 'alice' | 'bob' = 'alice') =>
        f.app.request('/api/host/checkin', f.asHost(who, { code, placeId }));
      // "Today" at the door must not depend on when the suite runs: the door opens at 10:00 UTC.
      beforeEach(() => {
        f.clock.atUtc(10);
      });

      it('checks a ticket in once; a second scan says when; the host list shows it', async () => {
        const s = await f.slot({ inMs: 10 * 60_000, timezone: 'UTC' });
        const { body } = await f.book(s.id, { name: 'Door Test', partySize: 2 });
        // Typed sloppily, as people do at a door.
        const typed = body.booking.code.toLowerCase().replace(/-/g, ' ');
        const first = await checkin(typed, f.ids.flat);
        const r1 = await json<CheckinResult>(first);
        expect(first.status).toBe(200);
        expect(r1).toMatchObject({ result: 'checked_in', ok: true, booking: { code: body.booking.code, name: 'Door Test', partySize: 2 } });
        expect(r1.message).toMatch(/^Checked in: Door Test, 2 people/);
        const at = new Date(r1.checkedInAt!);
        const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
        const second = await checkin(body.booking.code, f.ids.flat);
        expect(second.status).toBe(409);
        expect(await second.json()).toMatchObject({ error: 'already_checked_in', result: 'already_checked_in', ok: false, checkedInAt: r1.checkedInAt, message: `Already checked in at ${hhmm} (Door Test, 2 people).` });
        const list = await json<HostBooking[]>(await f.app.request(`/api/host/places/${f.ids.flat}/bookings?slotId=${s.id}`, f.asHost('alice')));
        expect(list).toEqual([expect.objectContaining({ code: body.booking.code, checkedInAt: r1.checkedInAt, phone: '+8613800138000' })]);
        // A checked-in visit can no longer be cancelled by its link.
        const cancel = await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
        expect([cancel.status, (await cancel.json()).error]).toEqual([409, 'already_checked_in']);
      });

      it('two doors scanning one ticket at once: exactly one check-in', async () => {
        const s = await f.slot({ inMs: 20 * 60_000, timezone: 'UTC' });
        const { body } = await f.book(s.id);
        const results = await Promise.all(Array.from({ length: 10 }, () => checkin(body.booking.code, f.ids.flat)));
        const kinds = await Promise.all(results.map(async (r) => ((await r.json()) as CheckinResult).result));
        expect(kinds.filter((k) => k === 'checked_in')).toHaveLength(1);
        expect(kinds.filter((k) => k === 'already_checked_in')).toHaveLength(9);
      });

      it('refuses a ticket for another place, another day, or a cancelled booking — saying which', async () => {
        const loftSlot = await f.slot({ place: f.ids.loft, inMs: 30 * 60_000, timezone: 'UTC' });
        const loft = (await f.book(loftSlot.id)).body;
        const wrongPlace = await checkin(loft.booking.code, f.ids.flat);
        expect(wrongPlace.status).toBe(409);
        expect(await wrongPlace.json()).toMatchObject({ result: 'wrong_place', message: 'This ticket is for “City loft”, not this place.', ticketPlace: { id: f.ids.loft, title: 'City loft' } });

        const bobSlotRes = await f.app.request(`/api/host/places/${f.ids.bobs}/slots`, f.asHost('bob', { start: new Date(Date.now() + 3 * DAY).toISOString(), durationMinutes: 60, capacity: 2 }));
        const bobs = (await f.book(((await bobSlotRes.json()) as HostSlot).id)).body;
        const foreign = await json<CheckinResult>(await checkin(bobs.booking.code, f.ids.flat));
        // Another host's ticket: refused without telling whose it is.
        expect(foreign).toMatchObject({ result: 'wrong_place', message: 'This ticket is for another place.', booking: null, ticketPlace: null });

        const tomorrow = await f.slot({ inMs: 2 * DAY, timezone: 'UTC' });
        const t = (await f.book(tomorrow.id)).body;
        const wrongDay = await checkin(t.booking.code, f.ids.flat);
        expect(wrongDay.status).toBe(409);
        const wd = await json<CheckinResult>(wrongDay);
        expect(wd.result).toBe('wrong_day');
        expect(wd.message).toMatch(new RegExp(`^This ticket is for \\w{3} ${tomorrow.start.slice(0, 10)} ${tomorrow.start.slice(11, 16)}, not today \\(\\d{4}-\\d\\d-\\d\\d\\)\\.$`));
        // On its day it goes in.
        f.clock.offsetMs = Date.parse(tomorrow.start) - Date.now() - 30 * 60_000;
        expect((await checkin(t.booking.code, f.ids.flat)).status).toBe(200);
        f.clock.atUtc(10);

        await f.app.request(`/api/bookings/manage/${loft.manageToken}/cancel`, { method: 'POST' });
        const cancelled = await json<CheckinResult>(await checkin(loft.booking.code, f.ids.loft));
        expect(cancelled.result).toBe('cancelled');
        expect(cancelled.message).toMatch(/^This booking was cancelled on .*; the ticket is not valid\.$/);
      });

      it('the agency owner scanning an agent’s ticket at another of the agency’s places is told which place; the agent is not told about the owner’s', async () => {
        const { token } = await f.hosts.createInvitation({ agencyId: f.alice.agencyId, createdBy: f.alice.id, ttlMs: HOUR });
        const redeemed = await f.hosts.redeemInvitation(token, { email: `door-agent-${Math.random().toString(36).slice(2, 8)}@example.com`, name: 'Dora', password: 'dora-pass-12' });
        if (!redeemed.ok) throw new Error(redeemed.problem);
        const agent = redeemed.host;
        const agentPlace = `${f.ids.flat}-dora`;
        await f.places.put({ ...samplePlace(agentPlace, { title: 'Dora’s cottage' }), hostId: agent.id });
        // The owner manages the agent's place, so may open its slots (canManagePlace).
        const doraSlot = await f.slot({ place: agentPlace, inMs: 50 * 60_000, timezone: 'UTC' });
        const dora = (await f.book(doraSlot.id, { name: 'Cottage Guest' })).body;

        const atOwnersDoor = await json<CheckinResult>(await checkin(dora.booking.code, f.ids.flat));
        expect(atOwnersDoor).toMatchObject({
          result: 'wrong_place',
          message: 'This ticket is for “Dora’s cottage”, not this place.',
          ticketPlace: { id: agentPlace, title: 'Dora’s cottage' },
          booking: { code: dora.booking.code, name: 'Cottage Guest' },
        });

        // The other way round the agent manages only their own places: no details of the owner's ticket.
        const ownerSlot = await f.slot({ inMs: 55 * 60_000, timezone: 'UTC' });
        const owners = (await f.book(ownerSlot.id)).body;
        const agentToken = f.signer.sign(agent.id, 3600).token;
        const atAgentsDoor = await f.app.request('/api/host/checkin', {
          method: 'POST',
          headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ code: owners.booking.code, placeId: agentPlace }),
        });
        expect(await atAgentsDoor.json()).toMatchObject({ result: 'wrong_place', message: 'This ticket is for another place.', booking: null, ticketPlace: null });
      });

      it('answers unknown and malformed codes and others’ places clearly', async () => {
        const unknown = await checkin('ABCDE-FGHJK-MNPQR-STVWX', f.ids.flat);
        expect(unknown.status).toBe(404);
        expect(await unknown.json()).toMatchObject({ error: 'ticket_not_found', field: 'code' });
        const malformed = await checkin('hello', f.ids.flat);
        expect(malformed.status).toBe(400);
        expect(await malformed.json()).toMatchObject({ error: 'invalid_code', field: 'code' });
        const notMine = await checkin('ABCDE-FGHJK-MNPQR-STVWX', f.ids.flat, 'bob');
        expect(notMine.status).toBe(404);
        expect(await notMine.json()).toMatchObject({ error: 'place_not_found', field: 'placeId' });
        expect((await f.app.request('/api/host/checkin', f.post({ code: 'x', placeId: f.ids.flat }))).status).toBe(401);
      });

      it('accepts what a scanner reads from the ticket QR, and the host can cancel a booking', async () => {
        const s = await f.slot({ inMs: 40 * 60_000, timezone: 'UTC' });
        const { body } = await f.book(s.id);
        const png = Buffer.from(await (await f.app.request(`/api/bookings/${body.booking.code}/qr.png`)).arrayBuffer());
        const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
        expect(decoded?.data).toBe(body.booking.code);
        const svg = await f.app.request(`/api/bookings/${body.booking.code}/qr.svg`);
        expect(svg.headers.get('content-type')).toBe('image/svg+xml');
        expect(await svg.text()).toMatch(/^<svg[^>]*viewBox="0 0 (\d+) \1"/);
        // The host cancels instead; the door then refuses the ticket.
        const cancel = await f.app.request(`/api/host/places/${f.ids.flat}/bookings/${body.booking.code}/cancel`, f.asHost('alice', {}));
        expect(await cancel.json()).toMatchObject({ status: 'cancelled' });
        expect((await f.app.request(`/api/host/places/${f.ids.flat}/bookings/${body.booking.code}/cancel`, f.asHost('bob', {}))).status).toBe(404);
        expect((await json<CheckinResult>(await checkin(decoded!.data, f.ids.flat))).result).toBe('cancelled');
      });
    });

    describe('calendar file', () => {
      it('is an iCalendar event in UTC with the place, the ticket link and a status that follows the booking', async () => {
        const s = await f.slot({ durationMinutes: 90 });
        const { body } = await f.book(s.id, { partySize: 2, name: 'Cal User' });
        const res = await f.app.request(`/api/bookings/${body.booking.code}/ticket.ics`);
        expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="vantage-visit-[0-9A-Z]{20}\.ics"$/);
        const ics = (await res.text()).replace(/\r?\n[ \t]/g, ''); // unfold long lines
        const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
        expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
        expect(ics).toContain(`DTSTART:${utc(s.start)}`);
        expect(ics).toContain(`DTEND:${utc(s.end)}`);
        expect(ics).toContain('SUMMARY:Visit: River flat');
        expect(ics).toContain('LOCATION:Rua da Rosa 12\\, Lisbon');
        expect(ics).toContain(`URL:http://localhost/book/ticket/${body.booking.code}`);
        expect(ics).toContain('STATUS:CONFIRMED');
        expect(ics).toMatch(/UID:[0-9a-f-]{36}@vantage/);
        await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
        const after = await (await f.app.request(`/api/bookings/${body.booking.code}/ticket.ics`)).text();
        expect(after).toContain('STATUS:CANCELLED');
        expect(after).toContain('SEQUENCE:1');
        expect((await f.app.request('/api/bookings/ABCDE-FGHJK-MNPQR-STVWX/ticket.ics')).status).toBe(404);
      });
    });

    describe('tour events and the funnel', () => {
      it('counts views, sessions, bookings, check-ins and ratings, bookings per day and dwell per room', async () => {
        // A place of its own, so the numbers are exactly this case's.
        const place = `funnel-${Math.random().toString(36).slice(2, 8)}`;
        // Everything happens at 10:00 UTC on one day, so no step straddles midnight.
        const day = f.clock.atUtc(10);
        await f.places.put({ ...samplePlace(place, { title: 'Funnel flat' }), hostId: f.alice.id });
        const funnel = async (query = '') => json<Funnel>(await f.app.request(`/api/host/places/${place}/funnel${query}`, f.asHost('alice')));
        const step = (fn: Funnel, name: string) => fn.steps.find((s) => s.step === name)!.count;
        const empty = await funnel();
        expect(empty.steps.map((s) => [s.step, s.count])).toEqual([['tour_views', 0], ['guided_sessions', 0], ['bookings', 0], ['check_ins', 0], ['ratings', 0]]);
        expect(empty.bookingsByDay).toHaveLength(30);

        const beacon = (events: unknown[]) => f.app.request('/api/events', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ events }) });
        const sent = await beacon([
          { type: 'tour_view', placeId: place, visitorId: 'v1' },
          { type: 'tour_view', placeId: place, visitorId: 'v1' },
          { type: 'tour_view', placeId: place, visitorId: 'v2' },
          { type: 'room_enter', placeId: place, sceneId: 'living', visitorId: 'v1' },
          { type: 'room_enter', placeId: place, sceneId: 'kitchen', visitorId: 'v1' },
          { type: 'room_enter', placeId: place, sceneId: 'kitchen', visitorId: 'v2' },
          { type: 'room_dwell', placeId: place, sceneId: 'kitchen', dwellMs: 4000, visitorId: 'v1' },
          { type: 'room_dwell', placeId: place, sceneId: 'kitchen', dwellMs: 8000, visitorId: 'v2' },
          { type: 'room_dwell', placeId: place, sceneId: 'living', dwellMs: 1500, visitorId: 'v1' },
          { type: 'session_started', placeId: place, sessionId: 's-1' },
          { type: 'session_started', placeId: place, sessionId: 's-1' },
          { type: 'session_started', placeId: place, sessionId: 's-2' },
          { type: 'tour_view', placeId: 'no-such-place', visitorId: 'v3' },
          { type: 'tour_view', placeId: f.ids.draft, visitorId: 'v3' },
        ]);
        expect(sent.status).toBe(202);
        expect(await sent.json()).toEqual({ accepted: 12, dropped: 2 });
        const invalid = await beacon([{ type: 'room_dwell', placeId: place, sceneId: 'x', dwellMs: -1 }]);
        expect([invalid.status, (await invalid.json()).field]).toEqual([400, 'events.0.dwellMs']);
        expect((await beacon(Array.from({ length: 101 }, () => ({ type: 'tour_view', placeId: place })))).status).toBe(400);

        const slotRes = await f.app.request(`/api/host/places/${place}/slots`, f.asHost('alice', { start: `${day}T10:20:00Z`, durationMinutes: 30, capacity: 10, timezone: 'UTC' }));
        const slot = (await slotRes.json()) as HostSlot;
        const b1 = (await f.book(slot.id, { partySize: 2, source: 'session', sessionId: 's-1' })).body;
        await f.book(slot.id, { partySize: 3, source: 'tour' });
        const b3 = (await f.book(slot.id, { source: 'place' })).body;
        await f.app.request(`/api/bookings/manage/${b3.manageToken}/cancel`, { method: 'POST' });
        await f.app.request('/api/host/checkin', f.asHost('alice', { code: b1.booking.code, placeId: place }));
        f.clock.offsetMs += 30 * 60_000;
        await f.app.request(`/api/bookings/manage/${b1.manageToken}/feedback`, f.post({ rating: 5, comment: 'Great' }));
        f.clock.atUtc(10);

        const fn = await funnel('?tz=UTC');
        expect(fn.to).toBe(day);
        expect(fn.steps.map((s) => [s.step, s.count])).toEqual([['tour_views', 3], ['guided_sessions', 2], ['bookings', 3], ['check_ins', 1], ['ratings', 1]]);
        expect(fn).toMatchObject({ uniqueVisitors: 2, cancelled: 1, averageRating: 5, timezone: 'UTC', bookingsBySource: { place: 1, tour: 1, session: 1, unknown: 0 } });
        expect(fn.bookingsByDay.at(-1)).toEqual({ day, bookings: 3, people: 6 });
        expect(fn.bookingsByDay.slice(0, -1).every((d) => d.bookings === 0)).toBe(true);
        // Tour order (living, kitchen), with the room names from the place.
        expect(fn.dwellByRoom).toEqual([
          { sceneId: 'living', name: 'Room living', entries: 1, totalMs: 1500, averageMs: 1500 },
          { sceneId: 'kitchen', name: 'Room kitchen', entries: 2, totalMs: 12000, averageMs: 6000 },
        ]);
        // A range before anything happened is empty; ranges are validated.
        const old = await funnel('?from=2020-01-01&to=2020-01-31&tz=UTC');
        expect(step(old, 'tour_views') + step(old, 'bookings')).toBe(0);
        expect(old.bookingsByDay).toHaveLength(31);
        for (const [q, field] of [['?tz=Nowhere/Else', 'tz'], ['?from=2020-02-01&to=2020-01-01', 'from'], ['?to=yesterday', 'to']]) {
          const r = await f.app.request(`/api/host/places/${place}/funnel${q}`, f.asHost('alice'));
          expect([r.status, (await r.json()).field], q).toEqual([400, field]);
        }
        expect((await f.app.request(`/api/host/places/${place}/funnel`, f.asHost('bob'))).status).toBe(404);
      });
    });

    describe('restart', () => {
      it('keeps bookings, seats and the outbox across close and reopen', async () => {
        const s = await f.slot({ capacity: 3 });
        const { body } = await f.book(s.id, { partySize: 2 });
        await db.close();
        db = await h.open('main');
        f = await createBookingFixture(db);
        const got = await f.app.request(`/api/bookings/${body.booking.code}`);
        expect(got.status).toBe(200);
        expect(await got.json()).toMatchObject({ status: 'confirmed', partySize: 2 });
        expect(await f.seatsLeft(s.id)).toBe(1);
        const [{ n }] = await db.query<{ n: number }>(
          'select count(*) as n from notification_outbox o join bookings b on b.id = o.booking_id where b.code = $1',
          [body.booking.code.replace(/-/g, '')],
        );
        expect(n).toBe(3);
      }, 60_000);
    });
  });

  notificationCases(h);
}

