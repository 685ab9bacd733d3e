import { z } from 'zod';
import {
  checkinResultSchema,
  funnelSchema,
  hostBookingSchema,
  hostSlotSchema,
  placeFeedbackSchema,
  weeklySlotsResultSchema,
  type CheckinResult,
  type Funnel,
  type HostBooking,
  type HostSlot,
  type PlaceFeedback,
  type SlotCreate,
  type WeeklySlots,
  type WeeklySlotsResult,
} from '@protocol';
import { HostApiError } from '../HostApiError.ts';

type Fetch = typeof fetch;
const e = encodeURIComponent;

/**
 * The host's booking API (/api/host): slots, bookings, check-in, feedback, funnel. Plain TS
 * beside HostApi, with the same token and errors (HostApiError); a 401 calls onUnauthorized.
 */
export class HostBookingApi {
  constructor(
    private readonly token: string,
    private readonly opts: { fetch?: Fetch; onUnauthorized?: () => void } = {},
  ) {}

  private async raw(method: string, path: string, body?: object): Promise<{ res: Response; json: unknown }> {
    let res: Response;
    try {
      res = await (this.opts.fetch ?? fetch)(`/api/host${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(body && { 'content-type': 'application/json' }) },
        body: body && JSON.stringify(body),
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new HostApiError(0, 'offline', 'The server could not be reached; check your connection and try again.');
    }
    if (res.status === 401) this.opts.onUnauthorized?.();
    const json = res.status === 204 ? null : await res.json().catch(() => null);
    return { res, json };
  }

  private async call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: object): Promise<T> {
    const { res, json } = await this.raw(method, path, body);
    if (!res.ok) throw HostApiError.fromBody(res.status, json, res.statusText);
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HostApiError(res.status, 'bad_response', 'The server answered in an unexpected shape; reload the page.');
    return parsed.data;
  }

  slots(placeId: string): Promise<HostSlot[]> {
    return this.call('GET', `/places/${e(placeId)}/slots`, z.array(hostSlotSchema));
  }
  createSlot(placeId: string, body: SlotCreate): Promise<HostSlot> {
    return this.call('POST', `/places/${e(placeId)}/slots`, hostSlotSchema, body);
  }
  createWeekly(placeId: string, body: WeeklySlots): Promise<WeeklySlotsResult> {
    return this.call('POST', `/places/${e(placeId)}/slots/weekly`, weeklySlotsResultSchema, body);
  }
  deleteSlot(placeId: string, slotId: string): Promise<void> {
    return this.call('DELETE', `/places/${e(placeId)}/slots/${e(slotId)}`, null);
  }
  bookings(placeId: string): Promise<HostBooking[]> {
    return this.call('GET', `/places/${e(placeId)}/bookings`, z.array(hostBookingSchema));
  }
  feedback(placeId: string): Promise<PlaceFeedback> {
    return this.call('GET', `/places/${e(placeId)}/feedback`, placeFeedbackSchema);
  }
  funnel(placeId: string, tz?: string): Promise<Funnel> {
    return this.call('GET', `/places/${e(placeId)}/funnel${tz ? `?tz=${e(tz)}` : ''}`, funnelSchema);
  }
  /** A check-in answer, refusals (409) included; other failures (unknown code, 400) reject. */
  async checkin(placeId: string, code: string): Promise<CheckinResult> {
    const { res, json } = await this.raw('POST', '/checkin', { placeId, code });
    if (res.ok || res.status === 409) {
      const parsed = checkinResultSchema.safeParse(json);
      if (parsed.success) return parsed.data;
    }
    throw HostApiError.fromBody(res.status, json, res.statusText);
  }
}
