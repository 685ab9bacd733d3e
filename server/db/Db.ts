/** Anything that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1`-style parameters and returns its rows. Both engines return
   * the same JS types: int/bigint/numeric → number, json/jsonb → parsed value, timestamptz → Date.
   * Pass JSON values as `JSON.stringify(v)` with a `$n::jsonb` cast: pg would otherwise send
   * a JS array as a Postgres array literal.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The app's database: embedded PGlite by default, a Postgres pool when DATABASE_URL is set. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` between BEGIN and COMMIT on one connection; ROLLBACK and rethrow if it throws.
   * Use only `tx` inside `fn`: PGlite queues every other query until the transaction ends,
   * so a `db.query` inside `fn` would wait forever there.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the pool or the embedded database; safe to call twice. */
  close(): Promise<void>;
}
