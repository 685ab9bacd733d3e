import { z } from 'zod';
import {
  bookingCreatedSchema,
  bookingSchema,
  slotSchema,
  type Booking,
  type BookingCreate,
  type BookingCreated,
  type FeedbackBody,
  type RescheduleBody,
  type Slot,
  type TourEvent,
} from '@protocol';
import { BookingApiError } from './BookingApiError.ts';

type Fetch = typeof fetch;

async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>, fetchImpl: Fetch = fetch): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new BookingApiError(0, 'offline', 'The server could not be reached.');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw BookingApiError.fromBody(res.status, body, res.statusText);
  const parsed = schema.safeParse(body);
  // Client and server share one protocol: a mismatch means a stale tab after a deploy.
  if (!parsed.success) throw new BookingApiError(res.status, 'bad_response', 'The server answered in an unexpected shape; reload the page.');
  return parsed.data;
}

const e = encodeURIComponent;

/** The visitor's booking API (no account): slots, booking, the ticket and the manage link. */
export const bookingApi = {
  slots: (placeId: string, signal?: AbortSignal): Promise<Slot[]> => call(`/api/places/${e(placeId)}/slots`, { signal }, z.array(slotSchema)),
  /** `idempotencyKey`: one per form submit, reused on retries, so a double submit books once. */
  book: (body: BookingCreate, idempotencyKey: string): Promise<BookingCreated> =>
    call('/api/bookings', { method: 'POST', body: JSON.stringify(body), headers: { 'idempotency-key': idempotencyKey } }, bookingCreatedSchema),
  byCode: (code: string, signal?: AbortSignal): Promise<Booking> => call(`/api/bookings/${e(code)}`, { signal }, bookingSchema),
  byToken: (token: string, signal?: AbortSignal): Promise<Booking> => call(`/api/bookings/manage/${e(token)}`, { signal }, bookingSchema),
  cancel: (token: string): Promise<Booking> => call(`/api/bookings/manage/${e(token)}/cancel`, { method: 'POST' }, bookingSchema),
  reschedule: (token: string, body: RescheduleBody): Promise<Booking> =>
    call(`/api/bookings/manage/${e(token)}/reschedule`, { method: 'POST', body: JSON.stringify(body) }, bookingSchema),
  feedback: (token: string, body: FeedbackBody): Promise<Booking> =>
    call(`/api/bookings/manage/${e(token)}/feedback`, { method: 'POST', body: JSON.stringify(body) }, bookingSchema),
};

/** Sends tour events; sendBeacon survives the page closing (text/plain: no CORS preflight). */
export function sendTourEvents(events: TourEvent[]): void {
  if (!events.length) return;
  const body = JSON.stringify({ events });
  const queued = typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon('/api/events', new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  if (!queued) void fetch('/api/events', { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).catch(() => {});
}
