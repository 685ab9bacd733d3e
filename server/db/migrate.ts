import type { Db } from './Db.ts';
import { migrations as allMigrations, type Migration } from './migrations.ts';

/** Advisory lock key for migrations ("vant" in ASCII); any constant works if nothing else uses it. */
const MIGRATION_LOCK = 0x76616e74;

/**
 * Applies the migrations `db` lacks, in order, in one transaction, and returns their ids.
 * Safe when several server instances start at once: the advisory lock makes them take turns,
 * and each sees what the others committed. Ids the code doesn't know (a newer release already
 * migrated this database) are left alone.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  const ids = migrations.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new Error(`Vantage: duplicate migration id in ${ids.join(', ')}`);
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new Error(`Vantage: migration ${m.id} failed: ${(e as Error).message}`, { cause: e });
      }
      await tx.query('insert into schema_migrations (id) values ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
