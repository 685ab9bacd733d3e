/**
 * A booking rule said no. Routes answer `{ error: code, message, field?, ...details }` with
 * `status`; the message is one sentence that names the problem and what to do instead.
 */
export class BookingError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    readonly code: string,
    message: string,
    /** The request field at fault, for forms to highlight. */
    readonly field?: string,
    /** Extra facts a client may show, e.g. `{ seatsLeft: 2 }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BookingError';
  }
}
