import { apiErrorSchema } from '@protocol';

/**
 * A failed console request: the HTTP status (0 offline), the API's stable code, its
 * one-sentence message for people, and for invalid bodies the field it is about.
 */
export class HostApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HostApiError';
  }

  /** From an error response body ({error, message, field?}); anything else becomes a generic error with the status text. */
  static fromBody(status: number, body: unknown, statusText = ''): HostApiError {
    const parsed = apiErrorSchema.safeParse(body);
    if (!parsed.success) return new HostApiError(status, 'http_error', statusText || `HTTP ${status}`);
    const field = typeof (body as { field?: unknown }).field === 'string' ? (body as { field: string }).field : undefined;
    return new HostApiError(status, parsed.data.error, parsed.data.message, field);
  }

  /**
   * The message without its "field: " prefix, for showing next to that field (the API
   * prefixes invalid-body messages with the field's path).
   */
  get fieldMessage(): string {
    return this.field && this.message.startsWith(`${this.field}: `) ? this.message.slice(this.field.length + 2) : this.message;
  }
}
