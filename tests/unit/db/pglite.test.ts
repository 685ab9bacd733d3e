import { usePgliteDirs } from '../../support/usePgliteDirs.ts';
import { storeCases } from './stores.case.ts';

// PGlite owns its folder: a second open while the first is live would corrupt it.
storeCases({ engine: 'pglite', multiInstance: false, open: await usePgliteDirs('vantage-pglite') });
