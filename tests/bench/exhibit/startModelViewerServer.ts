import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../../support/startVantage.ts';

const THREE_LIBS = path.join(ROOT, 'node_modules/three/examples/jsm/libs');
/** What the model-viewer page may load: its bundle, the decoders (served here, never gstatic's), and the benchmark's models. */
const FILES: Record<string, string> = {
  '/mv/model-viewer.min.js': path.join(ROOT, 'node_modules/@google/model-viewer/dist/model-viewer.min.js'),
  '/decoders/draco/draco_decoder.js': path.join(THREE_LIBS, 'draco/gltf/draco_decoder.js'),
  '/decoders/draco/draco_decoder.wasm': path.join(THREE_LIBS, 'draco/gltf/draco_decoder.wasm'),
  '/decoders/draco/draco_wasm_wrapper.js': path.join(THREE_LIBS, 'draco/gltf/draco_wasm_wrapper.js'),
  '/decoders/basis/basis_transcoder.js': path.join(THREE_LIBS, 'basis/basis_transcoder.js'),
  '/decoders/basis/basis_transcoder.wasm': path.join(THREE_LIBS, 'basis/basis_transcoder.wasm'),
  // A classic script that sets self.MeshoptDecoder, which model-viewer waits for.
  '/decoders/meshopt_decoder.js': path.join(ROOT, 'node_modules/meshoptimizer/meshopt_decoder.cjs'),
};
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.glb': 'model/gltf-binary', '.html': 'text/html; charset=utf-8' };

/**
 * `<model-viewer>` at the size of Vantage's exhibit canvas, with camera controls and the
 * default framing (Vantage's home view also frames the model's bounds), no poster and no
 * environment image from a CDN: the neutral lighting it ships with; Vantage's stage colour
 * behind it, so a pale model is told from the page the same way on both.
 */
function page(src: string, width: number, height: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>model-viewer bench</title>
<style>html,body{margin:0;background:#fff}model-viewer{display:block;width:${width}px;height:${height}px;--poster-color:transparent;background-color:#1e252c}</style>
<script>self.ModelViewerElement = { dracoDecoderLocation: '/decoders/draco/', ktx2TranscoderLocation: '/decoders/basis/', meshoptDecoderLocation: '/decoders/meshopt_decoder.js' };</script>
<script type="module" src="/mv/model-viewer.min.js"></script></head>
<body><model-viewer src="${encodeURI(src)}" camera-controls interaction-prompt="none" loading="eager" reveal="auto"></model-viewer></body></html>`;
}

/** A loopback server for the model-viewer side: `/mv/?src=/models/<name>&w=&h=`, the bundle, decoders and `models` (name → file). */
export async function startModelViewerServer(models: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      if (url.pathname === '/mv/') {
        const src = url.searchParams.get('src') ?? '';
        const w = Number(url.searchParams.get('w')) || 1280, h = Number(url.searchParams.get('h')) || 720;
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(page(src, w, h));
        return;
      }
      const model = url.pathname.startsWith('/models/') ? models[url.pathname.slice('/models/'.length)] : undefined;
      const file = FILES[url.pathname] ?? model;
      if (!file) return void res.writeHead(404).end('not found');
      const body = await readFile(file);
      // Cacheable like Vantage's model files, so neither side is charged for a second fetch of one URL.
      res.writeHead(200, { 'content-type': TYPES[path.extname(url.pathname)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=86400', 'access-control-allow-origin': '*' }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
