import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { createDb } from '../../../server/db/createDb.ts';
import { bookingCases } from './bookings.case.ts';

// One temp folder per file; each database name is a dataDir in it (PGlite lives in `${dataDir}/db`).
const root = await mkdtemp(path.join(tmpdir(), 'vantage-bookings-pglite-'));
const opened: Db[] = [];

afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await rm(root, { recursive: true, force: true });
});

bookingCases({
  engine: 'pglite',
  multiInstance: false,
  async open(name) {
    const db = await createDb({ dataDir: path.join(root, name) });
    opened.push(db);
    return db;
  },
});

// kill -9 safety of the embedded default rests on this: each COMMIT writes its WAL to the
// file (the kernel keeps it if the process dies). With synchronous_commit off, PGlite's
// single-user backend has no WAL writer and a killed process loses recent commits.
it('the embedded database commits synchronously', async () => {
  const db = await createDb({ dataDir: path.join(root, 'sync') });
  opened.push(db);
  expect(await db.query('show synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
}, 60_000);
