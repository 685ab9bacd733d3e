/**
 * What the main thread asks the embedded database's worker (server/db/pgliteWorker.ts).
 * `tx` names a transaction opened by a `begin` request: its id is that request's id.
 */
export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** An error as it crosses threads: structured clone keeps only name and message, so Postgres's fields (code, constraint…) travel here. */
export interface PgliteErrorData {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean | null>;
}

/** The answer to request `id`; id 0 answers the worker's start (the database is open). */
export type PgliteReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; error: PgliteErrorData };
