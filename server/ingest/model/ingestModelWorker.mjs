// Entry of one model ingest's worker thread (runIngestModelInWorker.ts). Worker threads inherit
// neither tsx's loader from `node --import tsx` nor vitest's, so this plain module registers tsx,
// then runs ingestModel on the bytes it was given (moved here, not copied) and reports back:
// progress fractions as they come, then the result or the refusal.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { ingestModel } = await import('./ingestModel.ts');
const { bytes, fileName, outDir } = workerData;
try {
  const onProgress = (fraction) => parentPort.postMessage({ type: 'progress', fraction });
  const result = await ingestModel(new Uint8Array(bytes), fileName, outDir, { onProgress });
  parentPort.postMessage({ type: 'done', result });
} catch (e) {
  // An IngestError crosses as its code and sentence; anything else as a message (a bug: a 500).
  const refusal = e && e.name === 'IngestError' ? { code: e.code, message: e.message } : undefined;
  parentPort.postMessage({ type: 'failed', refusal, message: String(e?.stack ?? e) });
}
