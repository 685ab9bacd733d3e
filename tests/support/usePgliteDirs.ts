import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Db } from '../../server/db/Db.ts';
import { createDb } from '../../server/db/createDb.ts';

/**
 * Embedded PGlite databases for a test file: one temp folder, each name a dataDir in it;
 * all closed and removed after the file. Returns `open(name)`.
 */
export async function usePgliteDirs(prefix: string): Promise<(name: string) => Promise<Db>> {
  const root = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  const opened: Db[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await rm(root, { recursive: true, force: true });
  });
  return async (name) => {
    const db = await createDb({ dataDir: path.join(root, name) });
    opened.push(db);
    return db;
  };
}
