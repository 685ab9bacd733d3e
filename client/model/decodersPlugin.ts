import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { basisWorkerSource } from './basisWorkerSource.ts';
import { BASIS_WORKER_URL } from './decoderPaths.ts';

/** three's decoder files and where each folder goes under the build (see client/model/decoderPaths.ts). */
const FOLDERS: { from: string; to: string; files: string[] }[] = [
  { from: 'node_modules/three/examples/jsm/libs/draco/gltf', to: 'static/decoders/draco', files: ['draco_decoder.js', 'draco_decoder.wasm', 'draco_wasm_wrapper.js'] },
  { from: 'node_modules/three/examples/jsm/libs/basis', to: 'static/decoders/basis', files: ['basis_transcoder.wasm'] },
];

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

/**
 * Ships three's Draco decoder and Basis (KTX2) transcoder (as a worker script, see
 * basisWorkerSource.ts) with the client: emitted into the build (the server's /static/
 * route serves dist/client/static), and served from node_modules by the dev server. The versions always match the three that loads them.
 */
export function decodersPlugin(root: string): Plugin {
  const transcoderJs = path.join(root, 'node_modules/three/examples/jsm/libs/basis/basis_transcoder.js');
  const worker = BASIS_WORKER_URL.slice(1);
  const files = FOLDERS.flatMap((f) => f.files.map((name) => ({ src: path.join(root, f.from, name), out: `${f.to}/${name}` })));
  return {
    name: 'vantage-decoders',
    async generateBundle() {
      for (const f of files) this.emitFile({ type: 'asset', fileName: f.out, source: readFileSync(f.src) });
      this.emitFile({ type: 'asset', fileName: worker, source: await basisWorkerSource(readFileSync(transcoderJs, 'utf8')) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (url === `/${worker}`) {
          res.setHeader('content-type', TYPES['.js']);
          void basisWorkerSource(readFileSync(transcoderJs, 'utf8')).then((js) => res.end(js), next);
          return;
        }
        const f = files.find((x) => `/${x.out}` === url);
        if (!f) return next();
        res.setHeader('content-type', TYPES[path.extname(f.src)] ?? 'application/octet-stream');
        res.end(readFileSync(f.src));
      });
    },
  };
}
