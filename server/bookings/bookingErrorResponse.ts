import type { Context } from 'hono';
import { apiError } from '../routes/apiError.ts';
import { BookingError } from './BookingError.ts';

/**
 * The booking routes' error handler: a BookingError becomes the API's error shape plus its
 * field and details; anything else is logged and answered like app.ts does, never a stack trace.
 */
export function bookingErrorResponse(c: Context, e: unknown): Response {
  if (e instanceof BookingError) {
    return c.json({ error: e.code, message: e.message, ...(e.field && { field: e.field }), ...e.details }, e.status);
  }
  console.error('Vantage: unhandled error on', c.req.method, c.req.path, e);
  return apiError(c, 500, 'internal', 'Something went wrong on our side; please try again.');
}
