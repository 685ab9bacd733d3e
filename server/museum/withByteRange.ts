import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/**
 * The part of a file a `Range: bytes=…` header asks for, as a 206 built on `whole` (the 200
 * serveFile made, whose checks it keeps): Safari plays an audio file only from a server that
 * answers ranges. One range only; an unsatisfiable one is a 416; anything else is `whole`.
 */
export function withByteRange(whole: Response, fullPath: string, range: string | undefined): Response {
  whole.headers.set('accept-ranges', 'bytes');
  const size = Number(whole.headers.get('content-length'));
  const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '') || !Number.isFinite(size)) return whole;
  let start: number;
  let end: number;
  if (m[1] === '') {
    // "bytes=-500": the last 500 bytes.
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  void whole.body?.cancel();
  const headers = new Headers(whole.headers);
  if (start > end || start >= size) {
    headers.set('content-range', `bytes */${size}`);
    headers.set('content-length', '0');
    return new Response(null, { status: 416, headers });
  }
  headers.set('content-range', `bytes ${start}-${end}/${size}`);
  headers.set('content-length', String(end - start + 1));
  return new Response(Readable.toWeb(createReadStream(fullPath, { start, end })) as ReadableStream, { status: 206, headers });
}
