import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNotificationSender, type NotificationSenderOptions } from '../../../server/bookings/createNotificationSender.ts';
import type { Db } from '../../../server/db/Db.ts';
import { notificationSchema, type Notification } from '../../../server/protocol/booking.ts';
import { createBookingFixture, DAY, HOUR, type BookingFixture, type DbHarness } from './bookingFixture.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: Notification;
}

/** A webhook on 127.0.0.1 whose answer to the n-th request (0-based) is `status(n)`. */
async function startWebhook(status: (n: number) => number = () => 200, port = 0) {
  const received: Received[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) as Notification });
      res.statusCode = status(n++);
      res.end(res.statusCode < 300 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The outbox and its sender, on every engine. */
export function notificationCases(h: DbHarness): void {
  describe(`notifications on ${h.engine}`, () => {
    let db: Db;
    let f: BookingFixture;
    const cleanups: (() => Promise<void>)[] = [];
    beforeAll(async () => {
      db = await h.open('notify');
      f = await createBookingFixture(db);
    }, 60_000);
    // Each case sees only its own rows: whatever earlier cases left pending is set aside.
    beforeEach(async () => {
      await db.query(`update notification_outbox set status = 'skipped' where status = 'pending'`);
    });
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });

    const rowsOf = (code: string) =>
      db.query<{ kind: string; status: string; due_at: Date; attempts: number; last_error: string | null; payload: Notification; sent_at: Date | null }>(
        `select o.kind, o.status, o.due_at, o.attempts, o.last_error, o.payload, o.sent_at
         from notification_outbox o join bookings b on b.id = o.booking_id where b.code = $1 order by o.due_at`,
        [code.replace(/-/g, '')],
      );
    const sender = (opts: Partial<NotificationSenderOptions> = {}) => {
      const lines: string[] = [];
      const s = createNotificationSender({ db, log: (l) => lines.push(l), pollMs: 10, backoff: { baseMs: 20, maxMs: 200 }, timeoutMs: 2000, ...opts });
      cleanups.push(() => s.stop());
      return Object.assign(s, { lines });
    };

    it('a booking writes its announcement, the day-before reminder and the feedback request in its transaction', async () => {
      const s = await f.slot({ inMs: 3 * DAY, durationMinutes: 45 });
      const { body } = await f.book(s.id, { name: 'Notify Me', phone: '+44 20 7946 0958', partySize: 2, locale: 'en' });
      const rows = await rowsOf(body.booking.code);
      expect(rows.map((r) => [r.kind, r.status])).toEqual([['booking_created', 'pending'], ['reminder', 'pending'], ['feedback_request', 'pending']]);
      expect(rows[1].due_at.getTime()).toBe(Date.parse(s.start) - DAY);
      expect(rows[2].due_at.getTime()).toBe(Date.parse(s.end) + 30 * 60_000);
      const payload = notificationSchema.parse(rows[0].payload);
      expect(payload.booking).toMatchObject({ code: body.booking.code, name: 'Notify Me', phone: '+442079460958', partySize: 2, locale: 'en', placeTitle: 'River flat', slotStart: s.start, timezone: 'Asia/Shanghai' });
      expect(payload.booking.localStart).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      expect(payload.links).toEqual({ ticket: `http://localhost/book/ticket/${body.booking.code}`, manage: `http://localhost/book/manage/${body.manageToken}` });
      // A visit within a day gets no reminder; a refused booking writes no notification at all.
      const soon = await f.slot({ inMs: 3 * HOUR, capacity: 1 });
      const near = (await f.book(soon.id)).body;
      expect((await rowsOf(near.booking.code)).map((r) => r.kind)).toEqual(['booking_created', 'feedback_request']);
      const [{ n: before }] = await db.query<{ n: number }>('select count(*) as n from notification_outbox');
      expect((await f.book(soon.id)).res.status).toBe(409);
      const [{ n: after }] = await db.query<{ n: number }>('select count(*) as n from notification_outbox');
      expect(after).toBe(before);
    });

    it('logs by default, sends each kind when due, and erases the manage link from sent rows', async () => {
      const s = await f.slot({ inMs: 3 * DAY });
      const { body } = await f.book(s.id, { name: 'Log Me' });
      let offset = 0;
      const log = sender({ now: () => new Date(Date.now() + offset) });
      expect(await log.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(log.lines).toEqual([expect.stringMatching(new RegExp(`^Vantage: notify booking_created ${body.booking.code} → \\+86 138\\*\\*\\*\\*8000 \\(River flat, `))]);
      let rows = await rowsOf(body.booking.code);
      expect(rows.map((r) => r.status)).toEqual(['sent', 'pending', 'pending']);
      expect(rows[0].payload.links).toEqual({ ticket: expect.any(String) });
      expect(await log.runOnce()).toEqual({ sent: 0, failed: 0 });
      offset = Date.parse(s.start) - DAY - Date.now() + 1000;
      expect(await log.runOnce()).toEqual({ sent: 1, failed: 0 });
      offset = Date.parse(s.end) + HOUR - Date.now();
      expect(await log.runOnce()).toEqual({ sent: 1, failed: 0 });
      rows = await rowsOf(body.booking.code);
      expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([['booking_created', 'sent', 1], ['reminder', 'sent', 1], ['feedback_request', 'sent', 1]]);
      // No usable manage link is left in the database once everything is delivered.
      const leftovers = await db.query('select id from notification_outbox where payload::text like $1', [`%${body.manageToken}%`]);
      expect(leftovers).toEqual([]);
    });

    it('a cancelled booking’s reminder and feedback request are never sent', async () => {
      const s = await f.slot({ inMs: 3 * DAY });
      const { body } = await f.book(s.id);
      await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
      const log = sender({ now: () => new Date(Date.parse(s.end) + DAY) });
      // One round per message of a booking: they go out in order.
      expect(await log.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(await log.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(await log.runOnce()).toEqual({ sent: 0, failed: 0 });
      expect(log.lines.map((l) => l.split(' ')[2])).toEqual(['booking_created', 'booking_cancelled']);
      expect((await rowsOf(body.booking.code)).map((r) => [r.kind, r.status])).toEqual(
        expect.arrayContaining([['reminder', 'skipped'], ['feedback_request', 'skipped'], ['booking_cancelled', 'sent']]),
      );
    });

    it('a webhook outage loses nothing: 503s are retried with backoff until the POST succeeds, once', async () => {
      const hook = await startWebhook((n) => (n < 3 ? 503 : 200));
      cleanups.push(hook.close);
      const s = await f.slot({ inMs: 3 * DAY });
      const { body } = await f.book(s.id, { name: 'Webhook' });
      const sending = sender({ webhookUrl: hook.url });
      const t0 = Date.now();
      sending.start();
      await until(async () => (await rowsOf(body.booking.code))[0].status === 'sent');
      await sending.stop();
      expect(hook.received).toHaveLength(4);
      const ids = new Set(hook.received.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      const [id] = ids;
      expect(hook.received.every((r) => r.headers['idempotency-key'] === id && r.headers['content-type'] === 'application/json')).toBe(true);
      expect(notificationSchema.parse(hook.received[3].body)).toMatchObject({ kind: 'booking_created', booking: { code: body.booking.code, name: 'Webhook' }, links: { manage: expect.stringContaining(body.manageToken) } });
      const [row] = await rowsOf(body.booking.code);
      expect(row).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
      // Backoff of 20, 40, 80 ms (halved at worst by jitter): the retries waited.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(70);
      expect(sending.lines.filter((l) => l.includes('failed (attempt'))).toHaveLength(3);
      expect(sending.lines[0]).toMatch(/webhook answered 503: try later/);
    });

    it('one booking’s messages arrive in order even when the first one needs retries', async () => {
      const hook = await startWebhook((n) => (n < 2 ? 503 : 200));
      cleanups.push(hook.close);
      const s = await f.slot({ inMs: 3 * DAY });
      const { body } = await f.book(s.id, { name: 'In Order' });
      await f.app.request(`/api/bookings/manage/${body.manageToken}/cancel`, { method: 'POST' });
      const sending = sender({ webhookUrl: hook.url });
      sending.start();
      await until(async () => (await rowsOf(body.booking.code)).every((r) => r.status !== 'pending'));
      await sending.stop();
      // Both failures were the announcement; the cancellation waited for it.
      expect(hook.received.map((r) => r.body.kind)).toEqual(['booking_created', 'booking_created', 'booking_created', 'booking_cancelled']);
    });

    it('a webhook that is down entirely keeps the rows pending, then delivers them once it is back', async () => {
      const probe = await startWebhook();
      await probe.close(); // a port with nobody listening
      const s = await f.slot({ inMs: 3 * DAY });
      const { body } = await f.book(s.id);
      let offset = 0;
      const sending = sender({ webhookUrl: probe.url, now: () => new Date(Date.now() + offset) });
      for (let i = 0; i < 3; i++) {
        offset += 10_000; // past any backoff
        expect(await sending.runOnce()).toEqual({ sent: 0, failed: 1 });
      }
      const [down] = await rowsOf(body.booking.code);
      expect(down).toMatchObject({ status: 'pending', attempts: 3, sent_at: null });
      expect(down.last_error).toBeTruthy();
      const hook = await startWebhook(() => 200, Number(new URL(probe.url).port));
      cleanups.push(hook.close);
      offset += 10_000;
      expect(await sending.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(hook.received.map((r) => r.body.booking.code)).toEqual([body.booking.code]);
    });

    it('two senders (two instances) share the outbox: every notification is delivered exactly once', async () => {
      const hook = await startWebhook();
      cleanups.push(hook.close);
      const s = await f.slot({ inMs: 3 * DAY, capacity: 30 });
      const codes = [];
      for (let i = 0; i < 12; i++) codes.push((await f.book(s.id, { name: `Twin ${i}` })).body.booking.code);
      const a = sender({ webhookUrl: hook.url, batchSize: 3 });
      const b = sender({ webhookUrl: hook.url, batchSize: 3 });
      for (let round = 0; round < 10; round++) await Promise.all([a.runOnce(), b.runOnce()]);
      expect(hook.received.map((r) => r.body.booking.code).sort()).toEqual([...codes].sort());
      // A row another instance holds is left alone until its claim runs out.
      const { body } = await f.book(s.id, { name: 'Claimed' });
      await db.query(`update notification_outbox set claimed_until = $1 where status = 'pending' and kind = 'booking_created'`, [new Date(Date.now() + HOUR)]);
      expect(await a.runOnce()).toEqual({ sent: 0, failed: 0 });
      const later = sender({ webhookUrl: hook.url, now: () => new Date(Date.now() + 2 * HOUR) });
      expect(await later.runOnce()).toEqual({ sent: 1, failed: 0 });
      expect(hook.received.at(-1)?.body.booking.code).toBe(body.booking.code);
    });

    it('stop waits for the round in flight and leaves nothing running', async () => {
      const hook = await startWebhook();
      cleanups.push(hook.close);
      const s = await f.slot({ inMs: 3 * DAY });
      await f.book(s.id);
      let calls = 0;
      const slowFetch: typeof fetch = async (...args) => {
        calls++;
        await new Promise((r) => setTimeout(r, 150));
        return fetch(...args);
      };
      const sending = sender({ webhookUrl: hook.url, fetch: slowFetch });
      sending.start();
      sending.start(); // a second start is harmless
      await until(async () => calls === 1);
      await sending.stop();
      // The round in flight finished before stop resolved.
      expect(hook.received).toHaveLength(1);
      const [{ n: sentBefore }] = await db.query<{ n: number }>(`select count(*) as n from notification_outbox where status = 'sent'`);
      // New work after stop is not picked up: the loop is gone, not just paused.
      const { body } = await f.book(s.id);
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toBe(1);
      expect((await rowsOf(body.booking.code))[0].status).toBe('pending');
      const [{ n: sentAfter }] = await db.query<{ n: number }>(`select count(*) as n from notification_outbox where status = 'sent'`);
      expect(sentAfter).toBe(sentBefore);
      await sending.stop(); // twice is fine
    });

    it('refuses a webhook URL that is not http(s)', () => {
      expect(() => createNotificationSender({ db, webhookUrl: 'ftp://example.com/hook' })).toThrow(/NOTIFY_WEBHOOK_URL must be an http\(s\) URL/);
    });
  });
}
