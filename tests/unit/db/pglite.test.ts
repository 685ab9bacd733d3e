import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Db } from '../../../server/db/Db.ts';
import { createDb } from '../../../server/db/createDb.ts';
import { storeCases } from './stores.case.ts';

// One temp folder per file; each database name is a dataDir in it (PGlite lives in `${dataDir}/db`).
const root = await mkdtemp(path.join(tmpdir(), 'vantage-pglite-'));
const opened: Db[] = [];

afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await rm(root, { recursive: true, force: true });
});

storeCases({
  engine: 'pglite',
  // PGlite owns its folder: a second open while the first is live would corrupt it.
  multiInstance: false,
  async open(name) {
    const db = await createDb({ dataDir: path.join(root, name) });
    opened.push(db);
    return db;
  },
});
