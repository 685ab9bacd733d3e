import { expect, it } from 'vitest';
import { usePgliteDirs } from '../../support/usePgliteDirs.ts';
import { bookingCases } from './bookings.case.ts';

const open = await usePgliteDirs('vantage-bookings-pglite');
bookingCases({ engine: 'pglite', multiInstance: false, open });

// kill -9 safety of the embedded default rests on this: each COMMIT writes its WAL to the
// file (the kernel keeps it if the process dies). With synchronous_commit off, PGlite's
// single-user backend has no WAL writer and a killed process loses recent commits.
it('the embedded database commits synchronously', async () => {
  const db = await open('sync');
  expect(await db.query('show synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
}, 60_000);
