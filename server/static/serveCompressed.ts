import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { resolveInside, serveFile } from './serveFile.ts';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text the browser runs or styles with, and the exhibit's light (raw RGBE: ~4× smaller); images and tiles are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|wasm|venv)$/i;

type Encoding = 'br' | 'gzip';
/** Compressed bodies by file, encoding and mtime: assets are immutable, each is compressed once per process. */
const cache = new Map<string, Promise<Buffer>>();

function compressed(full: string, enc: Encoding, mtimeMs: number): Promise<Buffer> {
  const key = `${enc}:${mtimeMs}:${full}`;
  let p = cache.get(key);
  if (!p) {
    // Brotli 9: within a few per cent of 11's size at a fraction of its time (each file is compressed once).
    p = readFile(full).then((raw) =>
      enc === 'br' ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : gzip(raw, { level: 9 }),
    );
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

function pickEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/**
 * serveFile for the client bundle, brotli- or gzip-compressed when the browser accepts it:
 * compressed, the tour's JavaScript is about a quarter of its size, which on a slow line
 * decides how soon the first frame can be drawn.
 */
export async function serveCompressed(root: string, rel: string, cacheControl: string, acceptEncoding: string | undefined): Promise<Response | null> {
  const enc = pickEncoding(acceptEncoding);
  if (!enc || !COMPRESSIBLE.test(rel)) return serveFile(root, rel, cacheControl);
  const plain = await serveFile(root, rel, cacheControl);
  if (!plain) return null;
  const full = resolveInside(root, rel)!;
  const body = await compressed(full, enc, (await stat(full)).mtimeMs);
  await plain.body?.cancel();
  const headers = new Headers(plain.headers);
  headers.set('content-encoding', enc);
  headers.set('content-length', String(body.length));
  headers.set('vary', 'accept-encoding');
  return new Response(new Uint8Array(body), { headers });
}

/** Compresses the given files ahead of the first visitor, one after another in the background. */
export async function warmCompressed(root: string, rels: string[]): Promise<void> {
  for (const rel of rels) {
    const full = resolveInside(root, rel);
    if (!full || !COMPRESSIBLE.test(rel)) continue;
    try {
      await compressed(full, 'br', (await stat(full)).mtimeMs);
    } catch {
      // A file that went away is simply not warmed.
    }
  }
}
