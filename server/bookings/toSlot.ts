import type { Slot } from '../protocol/booking.ts';
import type { SlotRecord } from './createSlotStore.ts';

/** A slot as visitors see it: seats left, not who holds them. */
export function toSlot(s: SlotRecord): Slot {
  return {
    id: s.id,
    placeId: s.placeId,
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    durationMinutes: s.durationMinutes,
    capacity: s.capacity,
    seatsLeft: s.capacity - s.booked,
    timezone: s.timezone,
  };
}
