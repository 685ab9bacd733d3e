import { z } from 'zod';
import { takeEarlyPlace } from './prefetchTour.ts';
import { apiErrorSchema, placeSchema, placeSummarySchema, type Place, type PlaceSummary } from '@protocol';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal, early?: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await (early ?? fetch(url, { signal, headers: { accept: 'application/json' } }));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiFailure(0, 'offline', 'network');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = apiErrorSchema.safeParse(body);
    throw new ApiFailure(res.status, err.success ? err.data.error : 'http_error', err.success ? err.data.message : res.statusText);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure(res.status, 'bad_response', parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

export const fetchPlaces = (signal?: AbortSignal): Promise<PlaceSummary[]> => getJson('/api/places', z.array(placeSummarySchema), signal);
export const fetchPlace = (id: string, signal?: AbortSignal): Promise<Place> =>
  getJson(`/api/places/${encodeURIComponent(id)}`, placeSchema, signal, takeEarlyPlace(id));
