import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTokenSigner } from '../../server/auth/createTokenSigner.ts';
import { createBookingStore } from '../../server/bookings/createBookingStore.ts';
import { createSlotStore } from '../../server/bookings/createSlotStore.ts';
import { createDb } from '../../server/db/createDb.ts';
import { createDbPlaceStore } from '../../server/db/createDbPlaceStore.ts';
import { createHostStore } from '../../server/db/createHostStore.ts';
import { migrate } from '../../server/db/migrate.ts';

/** Real stores on a fresh embedded database (PGlite in a temp folder) for app.request tests, created once as server/index.ts does. */
export async function createTestDeps() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vantage-test-'));
  const db = await createDb({ dataDir: dir });
  await migrate(db);
  const places = createDbPlaceStore(db);
  const hosts = createHostStore(db);
  const signer = createTokenSigner(Buffer.alloc(32, 7));
  return {
    dir,
    db,
    places,
    hosts,
    signer,
    bookings: createBookingStore(db),
    slots: createSlotStore(db),
    tilesDir: path.join(dir, 'tiles'),
    async cleanup() {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
