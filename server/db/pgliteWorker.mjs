// Entry of the embedded database's worker thread. Worker threads inherit neither tsx's loader
// from `node --import tsx` nor vitest's, so this plain module registers tsx, then loads the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pgliteWorker.ts');
