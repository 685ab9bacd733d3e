import sharp from 'sharp';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FACE_IDS, TILE_BORDER, TILE_SIZE, type FaceId } from '../protocol/index.ts';
import { decodeEquirect } from './decodeEquirect.ts';
import { planLevels } from './planLevels.ts';
import { createFaceSampler } from './createFaceSampler.ts';
import { createBufferPool } from './createBufferPool.ts';
import { halveEquirect } from './halveEquirect.ts';
import { resizeEquirect } from './resizeEquirect.ts';
import { createTaskPool } from './createTaskPool.ts';
import { publishDir } from './publishDir.ts';

export type TileFormat = 'jpg' | 'webp' | 'avif';

export interface TileOptions {
  /** Content pixels per tile edge; defaults to the protocol's TILE_SIZE. */
  tileSize?: number;
  /** Encoder quality 1–100; defaults to DEFAULT_QUALITY[format]. */
  quality?: number;
  format?: TileFormat;
  /** WebP only: lossless tiles (a reference for measuring the other encodings, ~10× the bytes). */
  lossless?: boolean;
  /**
   * Also writes every tile and the preview as JPEG (quality 82) beside the primary file,
   * for browsers that cannot decode the primary format.
   */
  fallback?: 'jpg';
  /** Called after each file is written; `total` counts every tile plus the preview. */
  onProgress?: (done: number, total: number) => void;
  /** Names a Buffer input in error messages (a string input is named by its file name). */
  name?: string;
}

export interface TileResult {
  /** Ascending by size; index = the {l} in tile URLs. */
  levels: { size: number; tileSize: number }[];
  previewFaceSize: number;
  tileFormat: TileFormat;
  fallbackFormat?: 'jpg';
  sourceWidth: number;
  sourceHeight: number;
  /** Tiles written over all levels and faces (the preview not included). */
  tileCount: number;
}

/**
 * Qualities that give at least JPEG 82's PSNR on our test photos (bench:tour's settled
 * views against a lossless reference): AVIF (4:4:4, effort 0) does so in clearly fewer
 * bytes, WebP saves little, so AVIF is the one worth its encode time.
 */
export const DEFAULT_QUALITY: Record<TileFormat, number> = { jpg: 82, webp: 89, avif: 72 };

/** Face edge of the preview strip: enough to show something sharp-ish while tiles load, ~25 KB. */
const PREVIEW_FACE_SIZE = 128;
/** Encodes in flight. sharp encodes on libuv's 4 threads; more would only queue raw buffers. */
const ENCODE_CONCURRENCY = 4;
/**
 * Each level (and the preview) samples from the smallest halving of the source that still
 * has at least this fraction of the ~π·S pixels per row the face needs: enough that the
 * result loses nothing visible, while every copy is an exact 2× step (cheap and clean).
 */
const MIN_DENSITY = 0.9;

/**
 * Cuts an equirectangular panorama into the cube-face tile pyramid the viewer streams
 * (see protocol/tour.ts for the contract):
 *   outDir/preview.<ext>                  six faces f r b l u d side by side, each 128 px + 1 px border
 *   outDir/<level>/<face>/<y>_<x>.<ext>    level 0 is the smallest; each tile has a 1 px border
 *                                          sampled from the sphere beyond its edge
 * and, with `fallback`, the same files again as .jpg.
 * Everything is written to a temp dir beside outDir and renamed into place at the end, so
 * outDir holds either the complete previous result or the complete new one. Bad input
 * (not an image, truncated, not 2:1, too big) rejects with an IngestError before any
 * file is written.
 */
export async function tileEquirect(input: string | Buffer, outDir: string, opts: TileOptions = {}): Promise<TileResult> {
  const tileSize = opts.tileSize ?? TILE_SIZE;
  const format = opts.format ?? 'jpg';
  if (format !== 'jpg' && format !== 'webp' && format !== 'avif') throw new RangeError(`format must be 'jpg', 'webp' or 'avif', got ${String(format)}`);
  const quality = opts.quality ?? DEFAULT_QUALITY[format];
  const fallback = opts.fallback && opts.fallback !== format ? opts.fallback : undefined;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`quality must be an integer 1–100, got ${quality}`);
  if (!Number.isInteger(tileSize) || tileSize < 16) throw new RangeError(`tileSize must be an integer ≥ 16, got ${tileSize}`);

  const label =
    typeof input === 'string' ? `"${basename(input)}"` : opts.name ? `"${opts.name}"` : 'the uploaded file';
  const src = await decodeEquirect(input, label);
  const sizes = planLevels(src.width, tileSize);

  const tilesPerFace = sizes.map((s) => Math.ceil(s / tileSize) ** 2);
  const tileCount = tilesPerFace.reduce((sum, n) => sum + n, 0) * FACE_IDS.length;
  const total = tileCount + 1;
  let done = 0;
  opts.onProgress?.(0, total);

  // The preview strip keeps full-resolution colour (WebP: the sharper subsampling): with
  // 4:2:0 a face's 1 px border shares chroma blocks with the unrelated face drawn next to
  // it in the strip (l beside u, u beside d) and picks up its colour — a seam in the viewer.
  // AVIF is always 4:4:4: at equal PSNR it is smaller than 4:2:0, which loses on colour edges.
  // AVIF effort 0 (the fastest) keeps the ingest within a few seconds; higher efforts save
  // little more for several times the time.
  const encodeAs = (fmt: TileFormat, q: number, raw: Buffer, width: number, height: number, file: string, fullChroma: boolean) => {
    const img = sharp(raw, { raw: { width, height, channels: 3 } });
    return (
      fmt === 'avif'
        ? img.avif({ quality: q, effort: 0, chromaSubsampling: '4:4:4' })
        : fmt === 'webp'
          ? img.webp(opts.lossless ? { lossless: true } : { quality: q, smartSubsample: fullChroma })
          : img.jpeg({ quality: q, mozjpeg: false, chromaSubsampling: fullChroma ? '4:4:4' : '4:2:0' })
    ).toFile(`${file}.${fmt}`);
  };
  /** Writes `file` + each extension; `file` has no extension. */
  const encode = async (raw: Buffer, width: number, height: number, file: string, fullChroma = false) => {
    await Promise.all([
      encodeAs(format, quality, raw, width, height, file, fullChroma),
      fallback && encodeAs(fallback, DEFAULT_QUALITY[fallback], raw, width, height, file, fullChroma),
    ]);
  };
  const encodes = createTaskPool(ENCODE_CONCURRENCY);
  const buffers = createBufferPool();

  const target = resolve(outDir);
  let tmp: string | undefined;
  try {
    await mkdir(dirname(target), { recursive: true });
    tmp = await mkdtemp(join(dirname(target), `.${basename(target)}.tmp-`));
    await chmod(tmp, 0o755); // mkdtemp makes it owner-only, and it becomes the published directory
    const root = tmp;

    // Each level (largest first) and then the preview samples from the smallest halving of
    // the source that is still dense enough; halving continues from the previous copy.
    let current = src;
    const sourceFor = async (faceSize: number) => {
      while (current.width / 2 >= MIN_DENSITY * Math.PI * faceSize) current = await halveEquirect(current);
      return current;
    };

    for (let level = sizes.length - 1; level >= 0; level--) {
      const size = sizes[level];
      const sampler = createFaceSampler(await sourceFor(size), size);
      const n = Math.ceil(size / tileSize);
      for (const face of FACE_IDS) await mkdir(join(root, String(level), face), { recursive: true });
      for (let ty = 0; ty < n; ty++) {
        for (let tx = 0; tx < n; tx++) {
          const x = tx * tileSize;
          const y = ty * tileSize;
          const w = Math.min(tileSize, size - x) + 2 * TILE_BORDER;
          const h = Math.min(tileSize, size - y) + 2 * TILE_BORDER;
          // Rendering is synchronous JS; awaiting a free encode slot per face is what lets
          // sharp's callbacks run and keeps ~4 encodes going on other threads meanwhile.
          const faces = sampler.render({ x: x - TILE_BORDER, y: y - TILE_BORDER, w, h }, buffers.take);
          for (const face of FACE_IDS) {
            await encodes.run(async () => {
              await encode(faces[face], w, h, join(root, String(level), face, `${ty}_${tx}`));
              buffers.give(faces[face]);
              opts.onProgress?.(++done, total);
            });
          }
        }
      }
    }

    // Preview: the six bordered faces side by side in FACE_IDS order.
    const edge = PREVIEW_FACE_SIZE + 2 * TILE_BORDER;
    // The halvings come in 2× steps; the preview's own copy is cut to size so its small
    // faces are neither aliased nor blurred (and it is tiny, so Lanczos costs nothing).
    const previewWidth = Math.round(Math.PI * PREVIEW_FACE_SIZE);
    let previewSrc = await sourceFor(PREVIEW_FACE_SIZE);
    if (previewSrc.width > previewWidth) previewSrc = await resizeEquirect(previewSrc, previewWidth);
    const faces = createFaceSampler(previewSrc, PREVIEW_FACE_SIZE).render({
      x: -TILE_BORDER,
      y: -TILE_BORDER,
      w: edge,
      h: edge,
    });
    const strip = Buffer.allocUnsafe(FACE_IDS.length * edge * edge * 3);
    FACE_IDS.forEach((face: FaceId, i) => {
      for (let row = 0; row < edge; row++) {
        faces[face].copy(strip, (row * FACE_IDS.length * edge + i * edge) * 3, row * edge * 3, (row + 1) * edge * 3);
      }
    });
    await encodes.run(async () => {
      await encode(strip, FACE_IDS.length * edge, edge, join(root, 'preview'), true);
      opts.onProgress?.(++done, total);
    });

    await encodes.drain();
    await publishDir(root, target);
  } catch (err) {
    // Let in-flight work settle first so nothing writes into the directory being removed.
    await encodes.drain().catch(() => {});
    if (tmp) await rm(tmp, { recursive: true, force: true });
    throw err;
  }

  return {
    levels: sizes.map((size) => ({ size, tileSize })),
    previewFaceSize: PREVIEW_FACE_SIZE,
    tileFormat: format,
    ...(fallback && { fallbackFormat: fallback }),
    sourceWidth: src.width,
    sourceHeight: src.height,
    tileCount,
  };
}
