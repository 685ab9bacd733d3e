import type { Queryable } from '../db/Db.ts';
import type { PlannedNotification } from './planNotifications.ts';

/** One booking to write: the seats it takes, its row, and its outbox rows. */
export interface BookingWrite {
  slotId: string;
  partySize: number;
  /** Decides what is past; also the booking's created_at. */
  at: Date;
  /** When the visitor named the place, the slot must belong to it. */
  placeId: string | null;
  id: string;
  code: string;
  manageTokenHash: string;
  name: string;
  phone: string;
  note: string;
  source: string | null;
  sessionId: string | null;
  locale: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  sealedManageToken: string | null;
  outbox: PlannedNotification[];
}

/**
 * What the database did with one write: `booked` (committed, seats, row and outbox together),
 * `refused` (nothing written: full, too few seats, started, removed or unpublished — read the
 * slot to say which) or `duplicate` (nothing written: a booking with this Idempotency-Key exists).
 */
export type BookingOutcome = 'booked' | 'refused' | 'duplicate';

export interface BookingBatcher {
  /** Resolves once the write's batch has committed (or rejects with the database's error). */
  write(w: BookingWrite): Promise<BookingOutcome>;
}

interface Pending {
  write: BookingWrite;
  resolve: (o: BookingOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for bookings. A write goes to the database at the end of the current event-loop
 * turn when nothing is in flight; writes that arrive meanwhile wait and go together as the
 * next batch, in one statement (migration 0004's `book_batch`): one round trip and one commit
 * for the lot, where PGlite would otherwise run one booking's statement and commit after
 * another. A lone visitor waits for nobody (a turn is microseconds). Promises resolve only after the batch's COMMIT, so a 201 is as durable as before.
 * If a batch fails as a whole (say a constraint only one request breaks, or on Postgres a
 * deadlock between two batches, possible only when one Idempotency-Key is sent for two slots at
 * once), each of its writes is retried alone, so one bad request cannot fail the others.
 */
export function createBookingBatcher(db: Queryable, opts: { maxBatch?: number; maxInFlight?: number } = {}): BookingBatcher {
  // Big enough for every waiting visitor of a busy slot; small enough to keep one statement's
  // parameter and its time bounded (each booking in it adds to the statement's time).
  const maxBatch = opts.maxBatch ?? 64;
  const maxInFlight = opts.maxInFlight ?? 1;
  const queue: Pending[] = [];
  let inFlight = 0;

  async function run(batch: Pending[]): Promise<void> {
    const rows = batch.map((p, n) => ({
      n,
      slot_id: p.write.slotId,
      party_size: p.write.partySize,
      at: p.write.at.toISOString(),
      place_id: p.write.placeId,
      id: p.write.id,
      code: p.write.code,
      manage_token_hash: p.write.manageTokenHash,
      name: p.write.name,
      phone: p.write.phone,
      note: p.write.note,
      source: p.write.source,
      session_id: p.write.sessionId,
      locale: p.write.locale,
      idempotency_key: p.write.idempotencyKey,
      request_hash: p.write.requestHash,
      sealed_manage_token: p.write.sealedManageToken,
      // PlannedNotification's Date serialises as ISO text, which jsonb_to_recordset reads as timestamptz.
      outbox: p.write.outbox,
    }));
    let results: { request: number; result: BookingOutcome }[];
    try {
      results = await db.query('select request, result from book_batch($1::jsonb)', [JSON.stringify(rows)]);
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      for (const p of batch) await run([p]);
      return;
    }
    const byRequest = new Map(results.map((r) => [r.request, r.result]));
    batch.forEach((p, n) => {
      const outcome = byRequest.get(n);
      if (outcome) p.resolve(outcome);
      else p.reject(new Error(`Vantage: book_batch returned no result for request ${n} of ${batch.length}`));
    });
  }

  function pump() {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      run(batch)
        .catch((e) => batch.forEach((p) => p.reject(e)))
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  }

  // Dispatch waits for the end of the event-loop turn: PGlite runs a statement synchronously on
  // this thread, so the requests that queued behind one batch are read only after it returns,
  // in one turn. Dispatching at the first of them would send batches of one.
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };

  return {
    write: (write) =>
      new Promise<BookingOutcome>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        schedule();
      }),
  };
}
