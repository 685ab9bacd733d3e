import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config.ts';
import { createDb } from '../db/createDb.ts';
import { createDbPlaceStore } from '../db/createDbPlaceStore.ts';
import { createHostStore } from '../db/createHostStore.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/Db.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The same database the server uses, for command-line tools. The embedded database allows
 * one process at a time: with the server running, its lock error says so.
 */
export async function openStores(): Promise<{ config: Config; db: Db; places: ReturnType<typeof createDbPlaceStore>; hosts: ReturnType<typeof createHostStore> }> {
  const config = loadConfig(process.env, ROOT_DIR);
  let db: Db;
  try {
    db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(
      /lock|in use|held/i.test(msg)
        ? `Vantage: the embedded database in ${config.dataDir} is open in the running server — stop it first, or upload from the host console (${msg})`
        : msg,
    );
  }
  await migrate(db);
  return { config, db, places: createDbPlaceStore(db), hosts: createHostStore(db) };
}

/** Prints a Vantage error as one line and exits non-zero; anything else keeps its stack. */
export function failCli(e: unknown): never {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(msg.startsWith('Vantage:') ? msg : e);
  process.exit(1);
}
