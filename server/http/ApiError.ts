import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The server's one error type: an expected refusal, answered by app.onError as
 * `{ error: code, message, field?, ...details }` with `status` and never logged with a stack.
 * The message is one sentence naming the problem and what to do instead.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** The request field at fault, for forms to highlight. */
    readonly field?: string,
    /** Extra facts a client may show, e.g. `{ seatsLeft: 2 }` or `{ issues: [...] }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
