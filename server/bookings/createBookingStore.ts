import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { canManagePlace } from '../auth/canManagePlace.ts';
import type { Host, HostStore } from '../db/createHostStore.ts';
import type { Db, Queryable } from '../db/Db.ts';
import type { bookingCreateSchema, feedbackSchema, rescheduleSchema } from '../protocol/booking.ts';
import { formatTicketCode, normaliseTicketCode } from '../protocol/booking.ts';
import { ApiError } from '../http/ApiError.ts';
import { createBookingBatcher } from './createBookingBatcher.ts';
import { loadBookings, type BookingRecord, type PlaceTextsZh } from './bookingRecord.ts';
import { describeLocal } from './describeLocal.ts';
import { hashToken } from './hashToken.ts';
import { newManageToken } from './newManageToken.ts';
import { newTicketCode } from './newTicketCode.ts';
import { planNotifications } from './planNotifications.ts';
import { scheduleNotifications } from './scheduleNotifications.ts';
import { openManageToken, sealManageToken } from './sealManageToken.ts';
import { zonedParts } from './zonedParts.ts';

export type BookInput = z.output<typeof bookingCreateSchema>;
export type RescheduleInput = z.output<typeof rescheduleSchema>;
export type FeedbackInput = z.output<typeof feedbackSchema>;

export interface Booked {
  booking: BookingRecord;
  /** Shown once: only its hash is stored. */
  manageToken: string;
  /** True when an earlier submit with the same Idempotency-Key made this booking. */
  replayed: boolean;
}

export type CheckInResult = 'checked_in' | 'already_checked_in' | 'wrong_place' | 'wrong_day' | 'cancelled';

export interface CheckIn {
  result: CheckInResult;
  message: string;
  checkedInAt: Date | null;
  /** Null when the ticket belongs to another host's place. */
  booking: BookingRecord | null;
  /** For wrong_place, when the ticket's place is also this host's. */
  ticketPlace: { id: string; title: string } | null;
}

export interface BookingStore {
  /**
   * Books seats on a slot, or throws a ApiError saying why not (404 unknown slot or
   * place, 409 past, full or too few seats). The seat count, the booking and its
   * notifications commit together; the slot's row lock serialises concurrent bookings.
   */
  book(input: BookInput, opts: { idempotencyKey?: string; origin: string }): Promise<Booked>;
  /** By ticket code in any typed form; null when there is none. */
  byCode(code: string): Promise<BookingRecord | null>;
  byManageToken(token: string): Promise<BookingRecord | null>;
  /** Cancels by the manage link and frees the seats; cancelling twice is a no-op. */
  cancel(token: string, opts: { origin: string }): Promise<BookingRecord>;
  /** The host cancels a booking of their place (the visitor is notified). */
  cancelByHost(placeId: string, code: string, opts: { origin: string }): Promise<BookingRecord>;
  /** Moves to another slot of the same place and/or changes the party size, seats checked like a new booking. */
  reschedule(token: string, input: RescheduleInput, opts: { origin: string }): Promise<BookingRecord>;
  /**
   * Marks the visit at the door, or says why the ticket is refused here, today. A ticket for
   * another place shows its details only to a host who manages that place (canManagePlace,
   * which looks the ticket place's host up in `hosts`).
   */
  checkIn(input: { code: string; placeId: string; host: Host; hosts: Pick<HostStore, 'get'> }): Promise<CheckIn>;
  /** Rates the visit once it has started; a second rating replaces the first. */
  submitFeedback(token: string, input: FeedbackInput): Promise<BookingRecord>;
  /** A place's bookings whose slot starts in [from, to), by slot time. */
  listForPlace(placeId: string, filter: { from: Date; to: Date; slotId?: string; status?: 'confirmed' | 'cancelled' }): Promise<BookingRecord[]>;
}

const notFoundByToken = () =>
  new ApiError(404, 'booking_not_found', 'This manage link does not match a booking; check that the whole link was copied.');

/** The same request, field by field, after normalisation: `138 0013 8000` and `+8613800138000` are one body. */
function requestHash(input: BookInput): string {
  const fields = [input.slotId, input.placeId ?? null, input.name, input.phone, input.partySize, input.note, input.source ?? null, input.sessionId ?? null, input.locale ?? null];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

/** What preRead finds; slot and place columns are null when the slot does not exist. */
interface PreRead {
  replay_id: string | null;
  want_published: boolean | null;
  place_id: string | null;
  starts_at: Date | null;
  duration_minutes: number | null;
  capacity: number | null;
  booked: number | null;
  timezone: string | null;
  published: boolean | null;
  title: string | null;
  address: string | null;
  city: string | null;
  kind: string | null;
  texts_zh: PlaceTextsZh | null;
  host_id: string | null;
  lat: number | null;
  lng: number | null;
}

/** What never changes about a slot (and, within seconds, about its place). */
interface SlotFacts {
  slot: BookingRecord['slot'];
  place: BookingRecord['place'];
}

function slotFacts(r: PreRead): SlotFacts {
  return {
    slot: {
      start: r.starts_at!,
      end: new Date(r.starts_at!.getTime() + r.duration_minutes! * 60_000),
      durationMinutes: r.duration_minutes!,
      timezone: r.timezone!,
    },
    place: { id: r.place_id!, title: r.title!, address: r.address!, city: r.city!, kind: r.kind!, hostId: r.host_id, lat: r.lat!, lng: r.lng!, textsZh: r.texts_zh ?? {} },
  };
}

/** A booking reuses a recent read of its slot: it saves a query per booking on busy slots. */
const FACTS_TTL_MS = 5000;
const FACTS_MAX = 1000;

/** Bookings in the `bookings` table; `now` decides what is past, started and today. */
export function createBookingStore(db: Db, now: () => Date = () => new Date()): BookingStore {
  // PGlite runs one statement at a time, so one batch in flight is all it can use; on Postgres
  // a few batches overlap so one waiting for its commit does not hold the next back.
  const batcher = createBookingBatcher(db, { maxInFlight: db.kind === 'pglite' ? 1 : 4 });
  const factsCache = new Map<string, { facts: SlotFacts; until: number }>();
  const rememberFacts = (slotId: string, facts: SlotFacts) => {
    if (factsCache.size >= FACTS_MAX) factsCache.delete(factsCache.keys().next().value!); // oldest first
    factsCache.set(slotId, { facts, until: Date.now() + FACTS_TTL_MS });
  };
  async function replay(q: Queryable, key: string, hash: string): Promise<Booked | null> {
    const [row] = await q.query<{ id: string; request_hash: string; sealed_manage_token: string }>(
      'select id, request_hash, sealed_manage_token from bookings where idempotency_key = $1',
      [key],
    );
    if (!row) return null;
    if (row.request_hash !== hash) {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        'Idempotency-Key: this key was already used for a different booking request; send a new key for a new booking.',
        'Idempotency-Key',
      );
    }
    const [booking] = await loadBookings(q, 'b.id = $1', [row.id]);
    const manageToken = openManageToken(row.sealed_manage_token, key, row.id);
    if (!booking || !manageToken) return null;
    return { booking, manageToken, replayed: true };
  }

  /**
   * Everything a booking needs to know before it writes, in one read: the slot and its place,
   * the place the visitor named, and an earlier booking with the same idempotency key.
   */
  async function preRead(q: Queryable, input: BookInput, key: string | undefined): Promise<PreRead> {
    const [row] = await q.query<PreRead>(
      `select q.replay_id, q.want_published, s.place_id, s.starts_at, s.duration_minutes, s.capacity, s.booked, s.timezone,
         p.published, p.title, p.address, p.city, p.kind, p.texts_zh, p.host_id, p.lat, p.lng
       from (select (select id from bookings where idempotency_key = $2) as replay_id,
                    (select published from places where id = $3) as want_published) q
       left join slots s on s.id = $1
       left join places p on p.id = s.place_id`,
      [input.slotId, key ?? null, input.placeId ?? null],
    );
    return row;
  }

  /** The first rule a booking breaks, judged on a pre-read; null when it may go ahead. */
  function refusal(r: PreRead, input: BookInput, at: Date): ApiError | null {
    if (input.placeId && !r.want_published) {
      return new ApiError(404, 'place_not_found', `placeId: there is no place "${input.placeId.slice(0, 64)}".`, 'placeId');
    }
    if (!r.place_id || !r.published || (input.placeId && r.place_id !== input.placeId)) {
      return new ApiError(404, 'slot_not_found', `slotId: there is no slot "${input.slotId.slice(0, 64)}"${input.placeId ? ' at this place' : ''}; it may have been removed — pick another time.`, 'slotId');
    }
    if (r.starts_at! <= at) {
      return new ApiError(409, 'slot_started', `slotId: this visit started at ${describeLocal(r.starts_at!, r.timezone!)}; pick a later time.`, 'slotId');
    }
    const left = r.capacity! - r.booked!;
    if (left <= 0) return new ApiError(409, 'slot_full', 'slotId: this slot is full; pick another time.', 'slotId', { seatsLeft: 0 });
    if (input.partySize > left) {
      return new ApiError(
        409,
        'not_enough_seats',
        `partySize: only ${left} ${left === 1 ? 'place is' : 'places are'} left in this slot; book for ${left} or fewer, or pick another time.`,
        'partySize',
        { seatsLeft: left },
      );
    }
    return null;
  }

  async function lockByToken(tx: Queryable, token: string): Promise<BookingRecord | null> {
    const [b] = await loadBookings(tx, 'b.manage_token_hash = $1', [hashToken(token)], 'b.id', 'for update of b');
    return b ?? null;
  }

  /** The checks every change by the manage link shares. */
  function assertChangeable(b: BookingRecord, at: Date, verb: string) {
    if (b.status === 'cancelled') throw new ApiError(409, 'booking_cancelled', `This booking was cancelled; it can no longer be ${verb}. Book again instead.`);
    if (b.checkedInAt) throw new ApiError(409, 'already_checked_in', `This visit was already checked in; it can no longer be ${verb}.`);
    if (b.slot.start <= at) throw new ApiError(409, 'visit_started', `This visit started at ${describeLocal(b.slot.start, b.slot.timezone)}; it can no longer be ${verb}.`);
  }

  async function cancelLocked(tx: Queryable, b: BookingRecord, at: Date, origin: string): Promise<BookingRecord> {
    if (b.status === 'cancelled') return b; // a second click, or a retry: nothing more to do
    assertChangeable(b, at, 'cancelled');
    await tx.query('update slots set booked = booked - $2 where id = $1', [b.slotId, b.partySize]);
    const [row] = await tx.query<{ sequence: number }>(
      `update bookings set status = 'cancelled', cancelled_at = $2, sequence = sequence + 1 where id = $1 returning sequence`,
      [b.id, at],
    );
    const next: BookingRecord = { ...b, status: 'cancelled', cancelledAt: at, sequence: row.sequence };
    await scheduleNotifications(tx, next, 'booking_cancelled', { now: at, origin });
    return next;
  }

  const store: BookingStore = {
    async book(input, { idempotencyKey, origin }) {
      const hash = idempotencyKey ? requestHash(input) : '';
      const id = randomUUID();
      const code = newTicketCode();
      const manageToken = newManageToken();
      /** Reads the slot; answers a replay or a refusal; otherwise remembers what it read. */
      const check = async (at: Date): Promise<Booked | SlotFacts> => {
        const pre = await preRead(db, input, idempotencyKey);
        if (pre.replay_id && idempotencyKey) {
          const earlier = await replay(db, idempotencyKey, hash);
          if (earlier) return earlier;
        }
        const refused = refusal(pre, input, at);
        if (refused) throw refused;
        const facts = slotFacts(pre);
        rememberFacts(input.slotId, facts);
        return facts;
      };
      // The happy path is one atomic write, on what an earlier booking of the slot read (slot
      // times, zones and places do not move); a write that finds nothing reads again to say why.
      // Three rounds at most: a lost race means another booking took the seats.
      let facts: SlotFacts | undefined;
      const cached = factsCache.get(input.slotId);
      if (cached && cached.until > Date.now()) facts = cached.facts;
      for (let round = 0; round < 3; round++) {
        const at = now();
        if (!facts) {
          const checked = await check(at);
          if ('replayed' in checked) return checked;
          facts = checked;
        }
        const booking: BookingRecord = {
          id, code, placeId: facts.place.id, slotId: input.slotId, name: input.name, phone: input.phone,
          partySize: input.partySize, note: input.note, source: input.source ?? null, sessionId: input.sessionId ?? null,
          locale: input.locale ?? null, status: 'confirmed', sequence: 0, createdAt: at, cancelledAt: null, checkedInAt: null,
          slot: facts.slot, place: facts.place, feedback: null,
        };
        // One write: the seats, the booking and its notifications commit together or not at all,
        // batched with the bookings that arrive meanwhile (createBookingBatcher). The conditional
        // seat update row-locks the slot and re-checks the seats after the booking before it;
        // the slots check constraint (booked <= capacity) backs it up.
        const outcome = await batcher.write({
          slotId: input.slotId, partySize: input.partySize, at, placeId: input.placeId ?? null, id, code,
          manageTokenHash: hashToken(manageToken), name: input.name, phone: input.phone, note: input.note,
          source: input.source ?? null, sessionId: input.sessionId ?? null, locale: input.locale ?? null,
          idempotencyKey: idempotencyKey ?? null, requestHash: idempotencyKey ? hash : null,
          sealedManageToken: idempotencyKey ? sealManageToken(manageToken, idempotencyKey, id) : null,
          outbox: planNotifications(booking, 'booking_created', { now: at, origin, manageToken }),
        });
        if (outcome === 'booked') return { booking, manageToken, replayed: false };
        if (outcome === 'duplicate') {
          // The key was used before (a retried submit, or two at once): nothing was written for
          // this request. Answer with the earlier booking, or a 422 for another body.
          const earlier = idempotencyKey ? await replay(db, idempotencyKey, hash) : null;
          if (earlier) return earlier;
          throw new Error(`Vantage: booking ${id} reused an Idempotency-Key whose earlier booking cannot be read back`);
        }
        facts = undefined; // full, started, removed, or a replay of a booking that took the last seat
      }
      throw new ApiError(409, 'slot_busy', 'slotId: this slot is being booked by many people at once; try again in a moment.', 'slotId');
    },

    async byCode(code) {
      const canonical = normaliseTicketCode(code);
      if (!canonical) return null;
      const [b] = await loadBookings(db, 'b.code = $1', [canonical]);
      return b ?? null;
    },

    async byManageToken(token) {
      const [b] = await loadBookings(db, 'b.manage_token_hash = $1', [hashToken(token)]);
      return b ?? null;
    },

    cancel: (token, { origin }) =>
      db.transaction(async (tx) => {
        const b = await lockByToken(tx, token);
        if (!b) throw notFoundByToken();
        return cancelLocked(tx, b, now(), origin);
      }),

    cancelByHost: (placeId, code, { origin }) =>
      db.transaction(async (tx) => {
        const canonical = normaliseTicketCode(code);
        const [b] = canonical ? await loadBookings(tx, 'b.code = $1 and b.place_id = $2', [canonical, placeId], 'b.id', 'for update of b') : [];
        if (!b) throw new ApiError(404, 'booking_not_found', `This place has no booking with the code "${code.slice(0, 40)}".`, 'code');
        return cancelLocked(tx, b, now(), origin);
      }),

    reschedule: (token, input, { origin }) =>
      db.transaction(async (tx) => {
        const at = now();
        const b = await lockByToken(tx, token);
        if (!b) throw notFoundByToken();
        assertChangeable(b, at, 'changed');
        const party = input.partySize ?? b.partySize;
        if (input.slotId === b.slotId && party === b.partySize) return b; // already so: a retried request
        // Both slots locked in id order, so two reschedules swapping slots cannot deadlock.
        const slots = await tx.query<{ id: string; place_id: string; starts_at: Date; capacity: number; booked: number; timezone: string }>(
          'select id, place_id, starts_at, capacity, booked, timezone from slots where id = any($1::text[]) order by id for update',
          [[...new Set([b.slotId, input.slotId])]],
        );
        const target = slots.find((s) => s.id === input.slotId);
        if (!target || target.place_id !== b.placeId) {
          throw new ApiError(404, 'slot_not_found', `slotId: "${input.slotId.slice(0, 64)}" is not a slot of ${b.place.title}; pick one from its list.`, 'slotId');
        }
        if (target.starts_at <= at) {
          throw new ApiError(409, 'slot_started', `slotId: this visit started at ${describeLocal(target.starts_at, target.timezone)}; pick a later time.`, 'slotId');
        }
        const left = target.capacity - target.booked + (target.id === b.slotId ? b.partySize : 0);
        if (party > left) {
          throw left <= 0
            ? new ApiError(409, 'slot_full', 'slotId: this slot is full; pick another time.', 'slotId', { seatsLeft: 0 })
            : new ApiError(409, 'not_enough_seats', `partySize: only ${left} ${left === 1 ? 'place is' : 'places are'} left in this slot; book for ${left} or fewer, or pick another time.`, 'partySize', { seatsLeft: left });
        }
        await tx.query('update slots set booked = booked - $2 where id = $1', [b.slotId, b.partySize]);
        await tx.query('update slots set booked = booked + $2 where id = $1', [target.id, party]);
        await tx.query('update bookings set slot_id = $2, party_size = $3, sequence = sequence + 1 where id = $1', [b.id, target.id, party]);
        const [next] = await loadBookings(tx, 'b.id = $1', [b.id]);
        await scheduleNotifications(tx, next, 'booking_rescheduled', { now: at, origin, manageToken: token });
        return next;
      }),

    async checkIn({ code, placeId, host, hosts }) {
      const canonical = normaliseTicketCode(code);
      if (!canonical) {
        throw new ApiError(400, 'invalid_code', 'code: a ticket code has 20 letters and digits, like ABCDE-FGHJK-MNPQR-STVWX; check what was typed or scan again.', 'code');
      }
      for (let attempt = 0; ; attempt++) {
        const at = now();
        const [b] = await loadBookings(db, 'b.code = $1', [canonical]);
        if (!b) throw new ApiError(404, 'ticket_not_found', `code: no ticket has the code ${formatTicketCode(canonical)}; check it was typed correctly.`, 'code');
        const tz = b.slot.timezone;
        const refuse = (result: CheckInResult, message: string): CheckIn => ({ result, message, checkedInAt: b.checkedInAt, booking: b, ticketPlace: null });
        if (b.placeId !== placeId) {
          const mine = await canManagePlace(hosts, host, { hostId: b.place.hostId ?? undefined });
          return {
            result: 'wrong_place',
            message: mine ? `This ticket is for “${b.place.title}”, not this place.` : 'This ticket is for another place.',
            checkedInAt: null,
            booking: mine ? b : null,
            ticketPlace: mine ? { id: b.place.id, title: b.place.title } : null,
          };
        }
        if (b.status === 'cancelled') {
          return refuse('cancelled', `This booking was cancelled${b.cancelledAt ? ` on ${describeLocal(b.cancelledAt, tz)}` : ''}; the ticket is not valid.`);
        }
        const today = zonedParts(at, tz).date;
        if (b.checkedInAt) {
          const when = zonedParts(b.checkedInAt, tz);
          return refuse('already_checked_in', `Already checked in at ${when.time}${when.date === today ? '' : ` on ${when.date}`} (${b.name}, ${b.partySize} ${b.partySize === 1 ? 'person' : 'people'}).`);
        }
        if (zonedParts(b.slot.start, tz).date !== today) {
          return refuse('wrong_day', `This ticket is for ${describeLocal(b.slot.start, tz)}, not today (${today}).`);
        }
        // Two doors scanning one ticket at once: only one update finds it unchecked.
        const [row] = await db.query<{ checked_in_at: Date }>(
          `update bookings set checked_in_at = $2, checked_in_by = $3
           where id = $1 and checked_in_at is null and status = 'confirmed' returning checked_in_at`,
          [b.id, at, host.id],
        );
        if (!row) {
          if (attempt > 2) throw new Error(`Vantage: check-in of ${canonical} kept racing another change`);
          continue; // the other scan won: reload and say what happened
        }
        const done = { ...b, checkedInAt: row.checked_in_at };
        return {
          result: 'checked_in',
          message: `Checked in: ${b.name}, ${b.partySize} ${b.partySize === 1 ? 'person' : 'people'}, ${describeLocal(b.slot.start, tz)}.`,
          checkedInAt: row.checked_in_at,
          booking: done,
          ticketPlace: null,
        };
      }
    },

    async submitFeedback(token, input) {
      const at = now();
      const b = await store.byManageToken(token);
      if (!b) throw notFoundByToken();
      if (b.status === 'cancelled') throw new ApiError(409, 'booking_cancelled', 'This booking was cancelled, so there is no visit to rate.');
      if (b.slot.start > at) {
        throw new ApiError(409, 'too_early', `You can rate the visit once it has started (${describeLocal(b.slot.start, b.slot.timezone)}).`);
      }
      await db.query(
        `insert into booking_feedback (booking_id, place_id, rating, comment, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $5)
         on conflict (booking_id) do update set rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at`,
        [b.id, b.placeId, input.rating, input.comment, at],
      );
      return { ...b, feedback: { rating: input.rating, comment: input.comment, at } };
    },

    listForPlace: (placeId, f) =>
      loadBookings(
        db,
        `b.place_id = $1 and s.starts_at >= $2 and s.starts_at < $3 and ($4::text is null or b.slot_id = $4) and ($5::text is null or b.status = $5)`,
        [placeId, f.from, f.to, f.slotId ?? null, f.status ?? null],
        's.starts_at, b.created_at',
      ),
  };
  return store;
}
