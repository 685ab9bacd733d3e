import type { Db } from '../db/Db.ts';
import type { Notification } from '../protocol/booking.ts';
import { maskPhone } from './maskPhone.ts';
import { serverLog } from '../log/serverLog.ts';

export interface NotificationSenderOptions {
  db: Db;
  /** POST each notification here as JSON; without it notifications are logged. */
  webhookUrl?: string;
  log?: (line: string) => void;
  now?: () => Date;
  /** How often to look for due rows. */
  pollMs?: number;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Retry delays double from `baseMs` up to `maxMs` (with jitter); a row is never given up. */
  backoff?: { baseMs: number; maxMs: number };
  /** Per-request timeout. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface NotificationSender {
  /** Starts polling; a second start is a no-op. */
  start(): void;
  /** Stops polling and waits for the round in flight; no timer is left behind. */
  stop(): Promise<void>;
  /** One round: delivers what is due now. For tests and for `start`. */
  runOnce(): Promise<{ sent: number; failed: number }>;
}

interface OutboxRow {
  id: string;
  kind: Notification['kind'];
  payload: Notification;
  attempts: number;
}


/**
 * Delivers the notification outbox: claims due rows (`for update skip locked`, so several
 * instances share the work), POSTs each to the webhook — or logs it — and marks it sent.
 * A failure schedules a retry with exponential backoff; the row stays pending until a
 * delivery succeeds, so a webhook outage delays notifications but loses none. A booking's
 * messages go out in the order they fell due. Delivery is at least once: receivers
 * deduplicate on the notification id.
 */
export function createNotificationSender(opts: NotificationSenderOptions): NotificationSender {
  const { db } = opts;
  const log = opts.log ?? ((line: string) => serverLog.info(line));
  const now = opts.now ?? (() => new Date());
  const pollMs = opts.pollMs ?? 2000;
  const batchSize = opts.batchSize ?? 20;
  const backoff = opts.backoff ?? { baseMs: 5000, maxMs: 3600_000 };
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const doFetch = opts.fetch ?? fetch;
  if (opts.webhookUrl && !/^https?:\/\//i.test(opts.webhookUrl)) {
    throw new Error(`Vantage: NOTIFY_WEBHOOK_URL must be an http(s) URL, got "${opts.webhookUrl.slice(0, 80)}"`);
  }

  async function deliver(row: OutboxRow): Promise<void> {
    if (!opts.webhookUrl) {
      const b = row.payload.booking;
      log(`Vantage: notify ${row.kind} ${b.code} → ${maskPhone(b.phone)} (${b.placeTitle}, ${b.localStart} ${b.timezone})`);
      return;
    }
    const res = await doFetch(opts.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': row.id, 'user-agent': 'Vantage-notifier/1' },
      body: JSON.stringify(row.payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection can be reused.
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`webhook answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }

  function retryDelay(attempts: number): number {
    const full = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempts - 1, 30));
    return full / 2 + Math.random() * (full / 2); // jitter: instances retrying together spread out
  }

  async function runOnce(): Promise<{ sent: number; failed: number }> {
    const at = now();
    // A claim outlives a delivery that times out; a crashed instance's rows come back after it.
    const claimedUntil = new Date(at.getTime() + timeoutMs * 2 + 30_000);
    const rows = await db.query<OutboxRow>(
      `update notification_outbox set claimed_until = $2, attempts = attempts + 1
       where id in (
         select o.id from notification_outbox o
         where o.status = 'pending' and o.next_attempt_at <= $1 and (o.claimed_until is null or o.claimed_until <= $1)
           -- One booking's messages go out in order ("confirmed" before "cancelled"), outages included.
           and not exists (
             select 1 from notification_outbox e
             where e.booking_id = o.booking_id and e.status = 'pending'
               and (e.due_at, e.created_at, e.id) < (o.due_at, o.created_at, o.id))
         order by o.next_attempt_at, o.created_at, o.id limit $3
         for update of o skip locked)
       returning id, kind, payload, attempts`,
      [at, claimedUntil, batchSize],
    );
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await deliver(row);
        // The manage link was only needed to deliver this message: erase it from the row.
        await db.query(
          `update notification_outbox
           set status = 'sent', sent_at = $2, claimed_until = null, last_error = null,
               payload = jsonb_set(payload, '{links}', (payload -> 'links') - 'manage')
           where id = $1 and status = 'pending'`,
          [row.id, now()],
        );
        sent++;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const next = new Date(now().getTime() + retryDelay(row.attempts));
        await db.query(
          `update notification_outbox set next_attempt_at = $2, claimed_until = null, last_error = $3 where id = $1 and status = 'pending'`,
          [row.id, next, message.slice(0, 500)],
        );
        log(`Vantage: notification ${row.kind} ${row.id} failed (attempt ${row.attempts}, retry at ${next.toISOString()}): ${message}`);
        failed++;
      }
    }
    return { sent, failed };
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<unknown> | undefined;
  let running = false;

  function schedule(ms: number) {
    timer = setTimeout(() => {
      timer = undefined;
      inFlight = runOnce()
        .catch((e) => log(`Vantage: notification round failed (${(e as Error).message}); retrying in ${pollMs} ms`))
        .finally(() => {
          inFlight = undefined;
          if (running) schedule(pollMs);
        });
    }, ms);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    runOnce,
  };
}
