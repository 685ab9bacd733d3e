/** What the request-log middleware puts on every request's context. */
export type RequestEnv = { Variables: { requestId: string } };
