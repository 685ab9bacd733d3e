import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Booking, BookingCreated, HostBooking, HostSlot } from '../../server/protocol/booking.ts';
import { startVantage, type Vantage } from '../support/startVantage.ts';

// The embedded default (PGlite on disk) must keep every booking it answered 201 for, even
// when the process is killed with SIGKILL a moment later: no shutdown hook, no flush.
const env = { VANTAGE_SKIP_BUILD: '1', VANTAGE_HOST_PASSWORD: `durable-${Math.random().toString(36).slice(2)}` };
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vantage-durable-'));
let server: Vantage | undefined;
/** Output of the servers that were killed. */
const logs: string[] = [];

afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function call<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

it('kill -9 right after a 201: after a restart on the same DATA_DIR every booking answered 201 is there', async () => {
  server = await startVantage({ dataDir, env });
  const login = await call<{ token: string }>(`${server.url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'host@vantage.local', password: env.VANTAGE_HOST_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const auth = { authorization: `Bearer ${login.body.token}`, 'content-type': 'application/json' };
  // 13 minutes past an hour: never one of the demo flat’s own visit times, whatever the hour now.
  const start = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 3600_000) * 3600_000 + 13 * 60_000).toISOString();
  const slot = await call<HostSlot>(`${server.url}/api/host/places/demo-flat/slots`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ start, durationMinutes: 60, capacity: 100 }),
  });
  expect(slot.status).toBe(201);

  // Round 1: one booking, SIGKILL in the same tick its 201 arrives.
  const proc = server.proc;
  const book = (i: number) =>
    fetch(`${server!.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slotId: slot.body.id, name: `Durable ${i}`, phone: '13800138000', partySize: 2 }),
    });
  const first = await book(0);
  expect(first.status).toBe(201);
  proc.kill('SIGKILL');
  const firstBody = (await first.json()) as BookingCreated;
  await new Promise((r) => proc.once('exit', r));
  expect(proc.signalCode).toBe('SIGKILL');
  logs.push(server.log());

  server = await startVantage({ dataDir, env });
  const again = await call<Booking>(`${server.url}/api/bookings/${firstBody.booking.code}`);
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ code: firstBody.booking.code, status: 'confirmed', name: 'Durable 0', partySize: 2, slot: { id: slot.body.id } });

  // Round 2: thirty bookings in flight; SIGKILL as the tenth 201 arrives.
  const proc2 = server.proc;
  const answered: string[] = [];
  const inFlight = Array.from({ length: 30 }, (_, i) =>
    book(i + 1).then(
      async (res) => {
        if (res.status !== 201) return;
        const body = (await res.json()) as BookingCreated;
        answered.push(body.booking.code);
        if (answered.length === 10) proc2.kill('SIGKILL');
      },
      () => {}, // cut off by the kill: no promise was made to these visitors
    ),
  );
  await Promise.all(inFlight);
  await new Promise((r) => (proc2.exitCode !== null || proc2.signalCode !== null ? r(null) : proc2.once('exit', r)));
  expect(answered.length).toBeGreaterThanOrEqual(10);
  logs.push(server.log());

  server = await startVantage({ dataDir, env });
  for (const code of [firstBody.booking.code, ...answered]) {
    const got = await call<Booking>(`${server.url}/api/bookings/${code}`);
    expect([code, got.status, got.body.status]).toEqual([code, 200, 'confirmed']);
  }
  // Seats and bookings agree: no seat taken by a booking that vanished, none lost.
  const list = await call<HostBooking[]>(`${server.url}/api/host/places/demo-flat/bookings?slotId=${slot.body.id}`, { headers: auth });
  const slots = await call<HostSlot[]>(`${server.url}/api/host/places/demo-flat/slots`, { headers: auth });
  const after = slots.body.find((s) => s.id === slot.body.id)!;
  expect(after.booked).toBe(list.body.filter((b) => b.status === 'confirmed').reduce((n, b) => n + b.partySize, 0));
  expect(list.body.length).toBeGreaterThanOrEqual(1 + answered.length);
  // The outbox survived too: every booking is announced, if not before its server died then after the restart.
  await expect
    .poll(() => [firstBody.booking.code, ...answered].filter((code) => !`${logs.join('\n')}${server!.log()}`.includes(`notify booking_created ${code}`)), { timeout: 15_000 })
    .toEqual([]);
}, 120_000);
