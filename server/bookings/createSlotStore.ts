import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/Db.ts';
import { ApiError } from '../http/ApiError.ts';
import { describeLocal } from './describeLocal.ts';

/** A slot with its host-side counts. */
export interface SlotRecord {
  id: string;
  placeId: string;
  start: Date;
  end: Date;
  durationMinutes: number;
  capacity: number;
  /** Seats held by confirmed bookings. */
  booked: number;
  timezone: string;
  /** Confirmed bookings. */
  bookings: number;
  /** Bookings checked in at the door. */
  checkedIn: number;
}

export interface SlotInput {
  start: Date;
  durationMinutes: number;
  capacity: number;
  timezone: string;
}

export interface SlotStore {
  /** Publishes one slot; refuses a start in the past or one the place already has (409). */
  create(placeId: string, input: SlotInput): Promise<SlotRecord>;
  /** Publishes many starts at once; starts the place already has, or that are past, are skipped. */
  createMany(placeId: string, starts: Date[], shape: Omit<SlotInput, 'start'>): Promise<{ created: SlotRecord[]; skipped: number }>;
  /** The place's slots starting in [from, to), in time order. */
  list(placeId: string, range: { from: Date; to: Date }): Promise<SlotRecord[]>;
  get(id: string): Promise<SlotRecord | null>;
  /** Deletes a slot without confirmed bookings; 404 for another place's slot, 409 while booked. */
  delete(placeId: string, slotId: string): Promise<void>;
}

interface SlotRow {
  id: string;
  place_id: string;
  starts_at: Date;
  duration_minutes: number;
  capacity: number;
  booked: number;
  timezone: string;
  bookings: number;
  checked_in: number;
}

const SELECT = `
  select s.id, s.place_id, s.starts_at, s.duration_minutes, s.capacity, s.booked, s.timezone,
    (select count(*) from bookings b where b.slot_id = s.id and b.status = 'confirmed') as bookings,
    (select count(*) from bookings b where b.slot_id = s.id and b.checked_in_at is not null) as checked_in
  from slots s`;

const toSlot = (r: SlotRow): SlotRecord => ({
  id: r.id,
  placeId: r.place_id,
  start: r.starts_at,
  end: new Date(r.starts_at.getTime() + r.duration_minutes * 60_000),
  durationMinutes: r.duration_minutes,
  capacity: r.capacity,
  booked: r.booked,
  timezone: r.timezone,
  bookings: r.bookings,
  checkedIn: r.checked_in,
});

async function load(q: Queryable, where: string, params: unknown[]): Promise<SlotRecord[]> {
  return (await q.query<SlotRow>(`${SELECT} where ${where} order by s.starts_at, s.id`, params)).map(toSlot);
}

/** Visit slots in the `slots` table; `now` decides what is in the past. */
export function createSlotStore(db: Db, now: () => Date = () => new Date()): SlotStore {
  async function insert(placeId: string, exact: Date[], shape: Omit<SlotInput, 'start'>): Promise<string[]> {
    if (exact.length === 0) return [];
    // Whole minutes: calendars, messages and the door all show minutes, and 10:00:30 would
    // otherwise be a second slot next to 10:00.
    const starts = exact.map((s) => new Date(Math.floor(s.getTime() / 60_000) * 60_000));
    const ids = starts.map(() => randomUUID());
    const rows = await db.query<{ id: string }>(
      `insert into slots (id, place_id, starts_at, duration_minutes, capacity, timezone)
       select u.id, $2, u.starts_at, $3, $4, $5 from unnest($1::text[], $6::timestamptz[]) as u(id, starts_at)
       on conflict (place_id, starts_at) do nothing
       returning id`,
      [ids, placeId, shape.durationMinutes, shape.capacity, shape.timezone, starts.map((s) => s.toISOString())],
    );
    return rows.map((r) => r.id);
  }

  const store: SlotStore = {
    async create(placeId, input) {
      if (input.start <= now()) {
        throw new ApiError(400, 'slot_in_past', `start: ${describeLocal(input.start, input.timezone)} has already passed; publish a future time.`, 'start');
      }
      const [id] = await insert(placeId, [input.start], input);
      if (!id) {
        throw new ApiError(409, 'slot_exists', `start: this place already has a slot at ${describeLocal(input.start, input.timezone)}; change that one or pick another time.`, 'start');
      }
      return (await store.get(id))!;
    },
    async createMany(placeId, starts, shape) {
      const future = starts.filter((s) => s > now());
      const ids = await insert(placeId, future, shape);
      const created = ids.length ? await load(db, 's.id = any($1::text[])', [ids]) : [];
      return { created, skipped: starts.length - created.length };
    },
    list: (placeId, range) => load(db, 's.place_id = $1 and s.starts_at >= $2 and s.starts_at < $3', [placeId, range.from, range.to]),
    async get(id) {
      const [slot] = await load(db, 's.id = $1', [id]);
      return slot ?? null;
    },
    async delete(placeId, slotId) {
      await db.transaction(async (tx) => {
        // The row lock makes a booking racing this delete wait, then find no slot.
        const [slot] = await tx.query<{ id: string }>('select id from slots where id = $1 and place_id = $2 for update', [slotId, placeId]);
        if (!slot) throw new ApiError(404, 'slot_not_found', `This place has no slot "${slotId.slice(0, 64)}".`, 'slotId');
        const [{ n, people }] = await tx.query<{ n: number; people: number | null }>(
          `select count(*) as n, sum(party_size) as people from bookings where slot_id = $1 and status = 'confirmed'`,
          [slotId],
        );
        if (n > 0) {
          throw new ApiError(
            409,
            'slot_has_bookings',
            `This slot has ${n} confirmed booking${n === 1 ? '' : 's'} (${people} ${people === 1 ? 'person' : 'people'}); cancel ${n === 1 ? 'it' : 'them'} before deleting the slot.`,
            'slotId',
            { bookings: n },
          );
        }
        await tx.query('delete from slots where id = $1', [slotId]);
      });
    },
  };
  return store;
}
