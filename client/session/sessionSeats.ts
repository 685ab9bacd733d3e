import { z } from 'zod';
import { sessionViewSchema } from '@protocol';

/** Storage the seats live in (localStorage in the browser, a Map-backed fake in tests). */
export interface SeatStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const HOST_PREFIX = 'vantage.sessionHost.';
const SEAT_PREFIX = 'vantage.sessionSeat.';
const NAME_KEY = 'vantage.sessionName';

const hostSeatSchema = z.object({
  sessionId: z.string(),
  hostKey: z.string(),
  code: z.string(),
  joinUrl: z.string(),
  /** Where the host stood when they started it: the session opens there. */
  startAt: z.object({ sceneId: z.string(), view: sessionViewSchema }).optional(),
});
export type HostSeat = z.infer<typeof hostSeatSchema>;

const viewerSeatSchema = z.object({
  sessionId: z.string(),
  participantId: z.string(),
  name: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});
export type ViewerSeat = z.infer<typeof viewerSeatSchema>;

function read<T>(storage: SeatStorage, key: string, schema: z.ZodType<T>): T | null {
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // storage disabled or a damaged entry: as if there were none
  }
}

function write(storage: SeatStorage, key: string, value: unknown) {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the seat lasts as long as the tab
  }
}

const local = (): SeatStorage => localStorage;

/**
 * The host link's key for one session, kept in this browser so a reload (or the session page
 * opened from the tour) drives it again. The key itself never goes into a URL we write.
 */
export function saveHostSeat(seat: HostSeat, storage: SeatStorage = local()): void {
  write(storage, HOST_PREFIX + seat.sessionId, seat);
}

export function loadHostSeat(sessionId: string, storage: SeatStorage = local()): HostSeat | null {
  return read(storage, HOST_PREFIX + sessionId, hostSeatSchema);
}

/** A viewer's seat by join code: reopening the link (or reloading) resumes the same seat. */
export function saveViewerSeat(code: string, seat: ViewerSeat, storage: SeatStorage = local()): void {
  write(storage, SEAT_PREFIX + code, seat);
}

export function loadViewerSeat(code: string, storage: SeatStorage = local(), now = Date.now()): ViewerSeat | null {
  const seat = read(storage, SEAT_PREFIX + code, viewerSeatSchema);
  if (seat && !(Date.parse(seat.expiresAt) > now)) {
    forgetViewerSeat(code, storage);
    return null;
  }
  return seat;
}

export function forgetViewerSeat(code: string, storage: SeatStorage = local()): void {
  try {
    storage.removeItem(SEAT_PREFIX + code);
  } catch {
    // nothing to forget
  }
}

/** The name typed last time, to fill in the next join form. */
export function loadLastName(storage: SeatStorage = local()): string {
  try {
    return storage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveLastName(name: string, storage: SeatStorage = local()): void {
  try {
    storage.setItem(NAME_KEY, name);
  } catch {
    // not remembered
  }
}
