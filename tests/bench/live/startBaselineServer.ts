import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../../support/startVantage.ts';

const HLS_JS = path.join(ROOT, 'node_modules/hls.js/dist/hls.min.js');

/**
 * The naive baseline: N independent hls.js players with default settings, one big and the
 * others in a row below (the same grid as Vantage's spotlight, main `width` CSS px wide); a
 * click on a small one swaps which is big. No sync, no buffer limits, no rendition capping.
 * Same markup hooks as Vantage's page (`.show-tile[data-role] > video[data-angle]`) so one probe
 * reads both. `angles` maps each tile's id to its playlist URL.
 */
function page(angles: [string, string][], width: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>hls.js baseline</title>
<style>
body{margin:0;background:#fff;font:14px sans-serif}
.stage{display:grid;gap:4px;background:#0b0f13;padding:4px;width:${width}px;margin:16px auto;grid-template-columns:repeat(${Math.max(1, angles.length - 1)},minmax(0,1fr))}
.show-tile{position:relative;aspect-ratio:16/9;background:#000;overflow:hidden;cursor:pointer;min-width:0}
.show-tile[data-role=main]{grid-column:1/-1;grid-row:1}
.show-tile[data-role=thumb]{grid-row:2;max-width:220px;width:100%;justify-self:center}
.show-tile>video{position:absolute;inset:0;width:100%;height:100%;object-fit:contain}
</style>
<script src="/hls.min.js"></script></head><body><div class="stage" id="stage"></div>
<script>
const angles = ${JSON.stringify(angles)};
const stage = document.getElementById('stage');
angles.forEach(([id, url], i) => {
  const tile = document.createElement('div');
  tile.className = 'show-tile';
  tile.dataset.role = i === 0 ? 'main' : 'thumb';
  const v = document.createElement('video');
  v.muted = true; v.autoplay = true; v.playsInline = true; v.dataset.angle = id;
  tile.append(v);
  stage.append(tile);
  const hls = new Hls();
  hls.loadSource(url);
  hls.attachMedia(v);
  hls.on(Hls.Events.MANIFEST_PARSED, () => v.play().catch(() => {}));
  tile.addEventListener('click', () => {
    const main = stage.querySelector('.show-tile[data-role=main]');
    if (main === tile) return;
    main.dataset.role = 'thumb';
    tile.dataset.role = 'main';
  });
});
</script></body></html>`;
}

/**
 * A loopback server for the baseline page (`/?angle=<id>=<source angle>&…&w=`), hls.js, and
 * `/live/*` proxied to Vantage's live handler (its playlists carry no CORS header, and
 * relative segment URIs then resolve here too): both sides play the very same bytes.
 */
export async function startBaselineServer(vantageUrl: string, placeId: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(vantageUrl);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      if (url.pathname === '/') {
        const angles = url.searchParams.getAll('angle').map((spec): [string, string] => {
          const [id, source] = spec.split('=');
          return [id, `/live/${placeId}/${source}/index.m3u8`];
        });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page(angles, Number(url.searchParams.get('w')) || 728));
        return;
      }
      if (url.pathname === '/hls.min.js') {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=86400' }).end(await readFile(HLS_JS));
        return;
      }
      if (!url.pathname.startsWith('/live/')) return void res.writeHead(404).end('not found');
      const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: 'GET', headers: { accept: req.headers.accept ?? '*/*' } }, (r) => {
        res.writeHead(r.statusCode ?? 502, Object.fromEntries(['content-type', 'cache-control', 'content-length'].filter((h) => r.headers[h]).map((h) => [h, r.headers[h] as string])));
        r.pipe(res);
      });
      up.on('error', (e) => res.writeHead(502).end(String(e)));
      up.end();
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
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
