import path from 'node:path';
import type { Db } from './Db.ts';
import { createPgliteDb } from './createPgliteDb.ts';
import { createPostgresDb } from './createPostgresDb.ts';

/**
 * Opens the database: a Postgres pool on `databaseUrl` when given, else embedded PGlite in
 * `${dataDir}/db`. Call `migrate(db)` before use.
 */
export function createDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return opts.databaseUrl ? createPostgresDb(opts.databaseUrl) : createPgliteDb(path.join(opts.dataDir, 'db'));
}
