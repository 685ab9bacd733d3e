import { Worker } from 'node:worker_threads';
import { IngestError, type IngestErrorCode } from '../IngestError.ts';
import { describeFile } from './describeFile.ts';
import type { IngestedModel } from './ingestModel.ts';

/** A model that takes longer than this to validate and optimise is refused (the worker is stopped). */
export const MODEL_INGEST_TIMEOUT_MS = 180_000;
/** The worker's JavaScript heap; textures decoded by sharp live outside it. */
export const MODEL_INGEST_HEAP_MB = 1024;

type WorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: IngestedModel }
  | { type: 'failed'; refusal?: { code: IngestErrorCode; message: string }; message: string };

/**
 * ingestModel on a worker thread: its validation, welding, simplifying, packing and poster
 * drawing are seconds of synchronous work that would otherwise stop the server answering
 * anyone. The thread's heap is capped and it is stopped after `timeoutMs`; either refuses the
 * model with one sentence. With `transfer`, the bytes are moved to the thread (the caller's
 * copy is left empty) instead of copied: an upload may be 100 MB.
 */
export function runIngestModelInWorker(
  bytes: Uint8Array,
  fileName: string,
  outDir: string,
  opts: { onProgress?: (fraction: number) => void; transfer?: boolean; timeoutMs?: number; heapMb?: number } = {},
): Promise<IngestedModel> {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const moved = opts.transfer && whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
  const label = describeFile(fileName);
  return new Promise<IngestedModel>((resolve, reject) => {
    const worker = new Worker(new URL('./ingestModelWorker.mjs', import.meta.url), {
      workerData: { bytes: moved, fileName, outDir },
      transferList: [moved],
      // No inherited flags: the entry registers its own loader.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? MODEL_INGEST_HEAP_MB },
    });
    let settled = false;
    // Settled once; the thread is stopped first, so nothing it writes lands after the caller cleans up.
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().finally(outcome);
    };
    const timer = setTimeout(
      () => finish(() => reject(new IngestError('too-large', `Vantage: ${label} took too long to process — reduce its triangles or texture sizes and try again.`))),
      opts.timeoutMs ?? MODEL_INGEST_TIMEOUT_MS,
    );
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        if (!settled) opts.onProgress?.(m.fraction);
      } else if (m.type === 'done') finish(() => resolve(m.result));
      else if (m.refusal) {
        const { code, message } = m.refusal;
        finish(() => reject(new IngestError(code, message)));
      } else finish(() => reject(new Error(`Vantage: the model ingest of ${label} failed: ${m.message}`)));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
        finish(() => reject(new IngestError('too-large', `Vantage: ${label} needs more memory to process than Vantage allows — reduce its triangles or texture sizes and try again.`, { cause: e })));
      else finish(() => reject(e));
    });
    worker.on('exit', (code) => finish(() => reject(new Error(`Vantage: the model ingest of ${label} stopped (exit code ${code}) before it finished.`))));
  });
}
