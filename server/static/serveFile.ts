import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.glb': 'model/gltf-binary',
  '.usdz': 'model/vnd.usdz+zip',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.gltf': 'model/gltf+json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.ics': 'text/calendar; charset=utf-8',
};

/**
 * Resolves `rel` inside `root`, or null when it would escape it (../, absolute paths,
 * encoded separators, NUL). Callers answer null with a 404, never with the reason.
 */
export function resolveInside(root: string, rel: string): string | null {
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const parts = rel.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const full = path.resolve(root, ...parts);
  const base = path.resolve(root);
  return full === base || full.startsWith(base + path.sep) ? full : null;
}

/** Each root's real path, resolved once it exists: the roots are fixed folders of the server's. */
const realRoots = new Map<string, Promise<string>>();

/**
 * The file's real path when it is inside the real root, else null: a symlink in the folder
 * (planted, or left by a tool) must not serve what lies outside it.
 */
async function realInside(root: string, full: string): Promise<string | null> {
  let base = realRoots.get(root);
  if (!base) {
    base = realpath(root);
    realRoots.set(root, base);
    base.catch(() => realRoots.delete(root)); // not there yet (no tiles so far): ask again next time
  }
  const [realBase, real] = await Promise.all([base.catch(() => null), realpath(full).catch(() => null)]);
  if (!realBase || !real) return null;
  return real === realBase || real.startsWith(realBase + path.sep) ? real : null;
}

/** A file response with its content type and cache policy, or null when there is no such file. */
export async function serveFile(root: string, rel: string, cacheControl: string): Promise<Response | null> {
  const inside = resolveInside(root, rel);
  if (!inside) return null;
  const full = await realInside(root, inside);
  if (!full) return null;
  let info;
  try {
    info = await stat(full);
  } catch {
    return null;
  }
  if (!info.isFile()) return null;
  const type = TYPES[path.extname(full).toLowerCase()] ?? 'application/octet-stream';
  const body = Readable.toWeb(createReadStream(full)) as ReadableStream;
  // A Headers object, not a plain one: behind @hono/node-server a middleware that sets a header
  // after the handler (the request log) makes it copy the response, and a plain-object init is
  // copied as first given — dropping the type or CSP a caller set on the response since.
  return new Response(body, {
    headers: new Headers({
      'content-type': type,
      'content-length': String(info.size),
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      // Tiles are fetched cross-origin when ASSET_BASE_URL points at a CDN in front of us.
      'access-control-allow-origin': '*',
    }),
  });
}
