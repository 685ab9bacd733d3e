import pg from 'pg';
import type { Db, Queryable } from './Db.ts';
import { typeParsers } from './typeParsers.ts';
import { serverLog } from '../log/serverLog.ts';

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    typeParsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text'),
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

/** The URL without its password, for error messages and logs. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** A pg Pool on `url`; fails at once with a readable error when the server does not answer. */
export async function createPostgresDb(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection (server restart) emits 'error' on the pool; unhandled,
  // that would kill the process. The pool drops that client and the next query reconnects.
  pool.on('error', (e) => serverLog.error(`Vantage: idle Postgres connection lost (${e.message})`));
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end();
    throw new Error(
      `Vantage: cannot reach Postgres at ${describe(url)} (${(e as Error).message}) — check DATABASE_URL, or unset it to use the embedded database`,
      { cause: e },
    );
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(queryable(client));
        await client.query('commit');
        client.release();
        return result;
      } catch (e) {
        // A failed ROLLBACK means the connection is broken: destroy it rather than pool it.
        await client.query('rollback').then(
          () => client.release(),
          (rollbackError: Error) => client.release(rollbackError),
        );
        throw e;
      }
    },
    close: () => (closed ??= pool.end()),
  };
}
