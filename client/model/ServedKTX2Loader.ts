import { KTX2Loader } from 'three/examples/jsm/loaders/KTX2Loader.js';
import { BASIS_PATH, BASIS_WORKER_URL } from './decoderPaths.ts';

/**
 * three's KTX2Loader with its transcoder worker started from our served file
 * (BASIS_WORKER_URL) instead of a blob built in the page: a blob worker would inherit the
 * page's policy, under which the transcoder's glue code cannot run. Everything else — the
 * worker's messages, formats, pooling — is three's own.
 */
export class ServedKTX2Loader extends KTX2Loader {
  override init(): Promise<void> {
    if (!this.transcoderPending) {
      this.transcoderPending = fetch(`${BASIS_PATH}basis_transcoder.wasm`)
        .then((res) => {
          if (!res.ok) throw new Error(`Vantage: the KTX2 transcoder ${BASIS_PATH}basis_transcoder.wasm answered HTTP ${res.status}.`);
          return res.arrayBuffer();
        })
        .then((binary) => {
          this.workerPool.setWorkerCreator(() => {
            const worker = new Worker(BASIS_WORKER_URL);
            const transcoderBinary = binary.slice(0);
            worker.postMessage({ type: 'init', config: this.workerConfig, transcoderBinary }, [transcoderBinary]);
            return worker;
          });
        });
    }
    return this.transcoderPending;
  }
}
