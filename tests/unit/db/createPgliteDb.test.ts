import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { createPgliteDb } from '../../../server/db/createPgliteDb.ts';

// PGlite runs on a worker thread: what crosses the thread must look as it did in-process.
let root: string;
let db: Db;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'vantage-pglite-worker-'));
  db = await createPgliteDb(path.join(root, 'db'));
  await db.exec('create table t (id int primary key, at timestamptz, doc jsonb, n bigint)');
}, 120_000);
afterAll(async () => {
  await db.close();
  await rm(root, { recursive: true, force: true });
});

it('rows cross the thread with their types: Date, parsed JSON, numbers, null', async () => {
  const at = new Date('2026-12-02T10:00:00.123Z');
  await db.query('insert into t values ($1, $2, $3::jsonb, $4)', [1, at, JSON.stringify({ a: [1, 'x'] }), 2 ** 40]);
  expect(await db.query('select id, at, doc, n, null as nothing from t where id = 1')).toEqual([{ id: 1, at, doc: { a: [1, 'x'] }, n: 2 ** 40, nothing: null }]);
});

it('errors keep their message and Postgres fields (code, constraint)', async () => {
  const e = await db.query('insert into t (id) values (1)').catch((x: unknown) => x);
  expect(e).toBeInstanceOf(Error);
  expect(e).toMatchObject({ code: '23505', constraint: 't_pkey', message: expect.stringContaining('duplicate key') });
});

it('a transaction commits, or rolls back and rethrows; others wait for it', async () => {
  let outsideSawRow: unknown;
  let outside: Promise<unknown> | undefined;
  const result = await db.transaction(async (tx) => {
    await tx.query('insert into t (id) values (2)');
    // A query from outside the transaction waits until it has committed.
    outside = db.query('select count(*) as n from t where id = 2').then((r) => (outsideSawRow = r));
    await new Promise((r) => setTimeout(r, 50));
    expect(outsideSawRow).toBeUndefined();
    return 'committed';
  });
  expect(result).toBe('committed');
  await outside;
  expect(outsideSawRow).toEqual([{ n: 1 }]);
  const oops = new Error('oops');
  await expect(db.transaction(async (tx) => {
    await tx.query('insert into t (id) values (3)');
    throw oops;
  })).rejects.toBe(oops);
  await expect(db.transaction((tx) => tx.query('insert into t (id) values (1)'))).rejects.toMatchObject({ code: '23505' });
  expect(await db.query('select id from t where id in (2, 3) order by id')).toEqual([{ id: 2 }]);
});

it('an idle database does not keep the process alive', async () => {
  const dir = path.join(root, 'idle');
  const script = `import { createPgliteDb } from ${JSON.stringify(fileURLToPath(new URL('../../../server/db/createPgliteDb.ts', import.meta.url)))};
    const db = await createPgliteDb(${JSON.stringify(dir)}); console.log(JSON.stringify(await db.query('select 41 + 1 as n')));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
  expect(stdout.trim()).toBe('[{"n":42}]');
}, 90_000);

it('after close every call fails clearly', async () => {
  const other = await createPgliteDb(path.join(root, 'closing'));
  await other.close();
  await other.close(); // twice is fine
  await expect(other.query('select 1')).rejects.toThrow(/embedded database .* has stopped/);
}, 60_000);
