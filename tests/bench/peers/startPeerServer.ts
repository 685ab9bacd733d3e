import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../../support/startVantage.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
/** Only the viewers' own packages are served from node_modules, nothing else of the machine. */
const MODULES = ['three', '@photo-sphere-viewer', 'marzipano', 'pannellum'];

/**
 * One origin for every viewer, so all of them load over the same loopback HTTP/1.1 with
 * the same server overheads: /peers/pages/* (the peer pages), /peers/modules/* (their JS
 * from node_modules), /peers/tiles/* (the peer tile sets in `tilesDir`); everything else
 * is proxied verbatim to the Vantage server at `vantageUrl` (its tour page, API and tiles).
 */
export async function startPeerServer(opts: { vantageUrl: string; tilesDir: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(opts.vantageUrl);
  const roots: [string, string][] = [
    ['/peers/pages/', path.join(ROOT, 'tests/bench/peers/pages')],
    ['/peers/modules/', path.join(ROOT, 'node_modules')],
    ['/peers/tiles/', opts.tilesDir],
  ];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const root = roots.find(([prefix]) => url.pathname.startsWith(prefix));
    if (!root) {
      const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', (err) => res.writeHead(502).end(`bench proxy: ${err.message}`));
      req.pipe(up);
      return;
    }
    const rel = decodeURIComponent(url.pathname.slice(root[0].length));
    if (root[0] === '/peers/modules/' && !MODULES.some((m) => rel.startsWith(`${m}/`))) return void res.writeHead(403).end();
    const file = path.resolve(root[1], rel);
    if (!file.startsWith(root[1] + path.sep)) return void res.writeHead(403).end();
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) return void res.writeHead(404).end(`bench: no ${url.pathname}`);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': st.size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
