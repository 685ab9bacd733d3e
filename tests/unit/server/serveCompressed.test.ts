import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveCompressed } from '../../../server/static/serveCompressed.ts';

let dir: string;
const js = 'export const three = "' + 'x'.repeat(20_000) + '";\n';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vantage-compress-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'assets', 'three-1.js'), js);
  await writeFile(path.join(dir, 'assets', 'tile.avif'), Buffer.from([0, 0, 0, 28, 102, 116]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('serveCompressed', () => {
  it('sends the bundle brotli-compressed to a browser that accepts it: far fewer bytes, the same script', async () => {
    const res = (await serveCompressed(dir, 'assets/three-1.js', 'immutable', 'gzip, deflate, br, zstd'))!;
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    expect(res.headers.get('content-type')).toContain('text/javascript');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(js.length / 20);
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(zlib.brotliDecompressSync(body).toString()).toBe(js);
  });
  it('gzip where brotli is not offered, plain where nothing is, and never for images', async () => {
    const gz = (await serveCompressed(dir, 'assets/three-1.js', 'immutable', 'gzip'))!;
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(js);
    const plain = (await serveCompressed(dir, 'assets/three-1.js', 'immutable', undefined))!;
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(js);
    const img = (await serveCompressed(dir, 'assets/tile.avif', 'immutable', 'br'))!;
    expect(img.headers.get('content-encoding')).toBeNull();
    expect(await serveCompressed(dir, 'assets/missing.js', 'immutable', 'br')).toBeNull();
    expect(await serveCompressed(dir, '../secret.js', 'immutable', 'br')).toBeNull();
  });
});
