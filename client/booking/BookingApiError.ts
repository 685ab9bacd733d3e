/**
 * A failed booking request: HTTP status (0 offline), the API's stable code, its English
 * message, the field at fault, every field issue of an invalid body, and extra facts
 * (e.g. `seatsLeft`).
 */
export class BookingApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues: { field: string; message: string }[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BookingApiError';
  }

  /** From an error body `{ error, message, field?, issues?, ...details }`; anything else is a generic http_error. */
  static fromBody(status: number, body: unknown, statusText = ''): BookingApiError {
    if (!body || typeof body !== 'object' || typeof (body as { error?: unknown }).error !== 'string') {
      return new BookingApiError(status, 'http_error', statusText || `HTTP ${status}`);
    }
    const { error, message, field, issues, ...details } = body as Record<string, unknown>;
    const list = Array.isArray(issues)
      ? issues.filter((i): i is { field: string; message: string } => !!i && typeof i.field === 'string' && typeof i.message === 'string')
      : [];
    return new BookingApiError(status, error as string, typeof message === 'string' ? message : String(error), typeof field === 'string' ? field : undefined, list, details);
  }
}
