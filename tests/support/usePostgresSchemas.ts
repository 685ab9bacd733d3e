import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import type { Db } from '../../server/db/Db.ts';
import { createDb } from '../../server/db/createDb.ts';

/**
 * Real Postgres for a test file: each run works in fresh schemas (one per name) and drops
 * them afterwards, so runs cannot collide. Registers a test of its own that fails — never a
 * skip — when the server does not answer, saying how to start it. Returns `open(name)`.
 */
export function usePostgresSchemas(prefix: string): (name: string) => Promise<Db> {
  const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const u = new URL(baseUrl); // no password in failure messages
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  const run = `${prefix}_${randomBytes(4).toString('hex')}`;
  const opened: Db[] = [];
  const schemas = new Map<string, Promise<void>>();

  const admin = (async () => {
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
    } catch (e) {
      throw new Error(
        `Postgres at ${where} did not answer (${(e as Error).message || (e as { code?: string }).code}). ` +
          'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' +
          '— or point TEST_DATABASE_URL at a server you can use.',
      );
    }
    return client;
  })();
  admin.catch(() => {}); // reported by the cases that need it, not as an unhandled rejection

  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    const client = await admin.catch(() => null);
    if (!client) return;
    for (const schema of schemas.keys()) await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  // A failing test of its own, so a missing server reads as a failure, not as skipped cases.
  it(`reaches Postgres at ${where}`, async () => {
    await expect(admin).resolves.toBeDefined();
  });

  return async (name) => {
    const schema = `${run}_${name}`;
    if (!schemas.has(schema)) schemas.set(schema, admin.then((c) => c.query(`create schema "${schema}"`)).then(() => {}));
    await schemas.get(schema);
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const db = await createDb({ databaseUrl: url.toString(), dataDir: '/nonexistent/unused' });
    opened.push(db);
    return db;
  };
}
