import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './Db.ts';
import { acquireDirLock } from './acquireDirLock.ts';
import { typeParsers } from './typeParsers.ts';

function queryable(pg: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}

/**
 * Embedded Postgres (WASM) persisted in `dir`. One Db owns the folder at a time (`${dir}.lock`);
 * a second open, from this process or another, throws instead of corrupting it.
 */
export async function createPgliteDb(dir: string): Promise<Db> {
  await mkdir(dir, { recursive: true });
  const release = await acquireDirLock(`${dir}.lock`, `the embedded database in ${dir}`);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir, { parsers: typeParsers });
  } catch (e) {
    await release();
    throw e;
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'pglite',
    ...queryable(pg),
    transaction: (fn) => pg.transaction((tx) => fn(queryable(tx))),
    close: () => (closed ??= pg.close().finally(release)),
  };
}
