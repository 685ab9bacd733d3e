import * as THREE from 'three';
import { LruBudget } from './LruBudget.ts';
import { TileLoader, type ImageFetcher, type TileRequest } from './TileLoader.ts';
import { claimPrefetched, fetchBitmap } from './fetchBitmap.ts';

export interface UploadedTexture {
  texture: THREE.Texture;
  width: number;
  height: number;
}

function makeTexture(image: ImageBitmap): THREE.Texture {
  const t = new THREE.Texture(image);
  // ImageBitmaps are uploaded as decoded (no flip); texture coordinates count rows from the top.
  t.flipY = false;
  // Sampled as stored, and drawn so (panoramaShader): no per-texel sRGB decode.
  t.colorSpace = THREE.NoColorSpace;
  t.generateMipmaps = false; // the level choice keeps texels near 1:1 with pixels
  t.minFilter = THREE.LinearFilter;
  t.magFilter = THREE.LinearFilter;
  t.wrapS = t.wrapT = THREE.ClampToEdgeWrapping;
  t.needsUpdate = true;
  return t;
}

function disposeTexture(t: THREE.Texture) {
  t.dispose();
  const img = t.image as ImageBitmap | undefined;
  img?.close?.();
}

export interface TextureStoreOptions {
  gpuBudgetBytes: number;
  maxInFlight: number;
  /** At most this many texture uploads per frame: each is a main-thread copy, so a pan never stutters on a burst. */
  uploadsPerFrame: number;
  /**
   * And no new upload once this many ms of the frame went to uploads (the first is always
   * done): a fast device takes a whole first view in one frame, a slow one spreads it out.
   */
  uploadMsPerFrame?: number;
  /** Clock for the upload budget (tests). */
  now?: () => number;
  fetcher?: ImageFetcher<ImageBitmap>;
}

/**
 * Every texture the panorama draws: tiles under an LRU GPU budget, previews kept while a
 * scene or its neighbours may need them. Loads go through one bounded, cancellable queue.
 */
export class TextureStore {
  readonly tiles: LruBudget<UploadedTexture>;
  readonly loader: TileLoader<ImageBitmap>;
  private readonly decoded: { url: string; image: ImageBitmap }[] = [];
  private readonly previews = new Map<string, Promise<UploadedTexture>>();
  private readonly previewReady = new Map<string, UploadedTexture>();
  /** Previews decoded but not yet on the GPU: uploaded ahead, so a room switch draws in one frame. */
  private readonly previewUploads: THREE.Texture[] = [];
  private readonly fetcher: ImageFetcher<ImageBitmap>;
  /** Every URL requested, in order: the benchmark and tests read it. */
  readonly requestLog: string[] = [];
  uploadsLastFrame = 0;

  constructor(private readonly opts: TextureStoreOptions) {
    this.fetcher = opts.fetcher ?? fetchBitmap;
    this.tiles = new LruBudget<UploadedTexture>(opts.gpuBudgetBytes, (_k, v) => disposeTexture(v.texture));
    const logged: ImageFetcher<ImageBitmap> = (url, signal) => {
      this.requestLog.push(url);
      return this.fetcher(url, signal);
    };
    this.loader = new TileLoader<ImageBitmap>(logged, (url, image) => this.decoded.push({ url, image }), opts.maxInFlight);
  }

  want(requests: TileRequest[]): void {
    this.loader.want(requests.filter((r) => !this.tiles.has(r.url) && !this.decoded.some((d) => d.url === r.url)));
  }

  /**
   * Uploads decoded tiles to the GPU within the per-frame count and time budget (all of
   * them when `unlimited`; at most `cap` when given); call once per frame before drawing.
   */
  upload(renderer: THREE.WebGLRenderer | null, unlimited = false, cap?: number): number {
    if (renderer) for (const t of this.previewUploads.splice(0)) renderer.initTexture(t);
    let n = 0;
    const now = this.opts.now ?? (() => performance.now());
    const start = now();
    const budgetMs = unlimited ? Infinity : (this.opts.uploadMsPerFrame ?? Infinity);
    const most = unlimited ? Infinity : Math.min(cap ?? Infinity, this.opts.uploadsPerFrame);
    while (this.decoded.length > 0 && n < most && (n === 0 || now() - start < budgetMs)) {
      const { url, image } = this.decoded.shift()!;
      const texture = makeTexture(image);
      renderer?.initTexture(texture);
      this.tiles.set(url, { texture, width: image.width, height: image.height }, image.width * image.height * 4);
      n++;
    }
    this.uploadsLastFrame = n;
    return n;
  }

  get pendingUploads(): number {
    return this.decoded.length;
  }

  /**
   * Takes over what the page prefetched and has already decoded (see prefetchTour): the
   * previews become ready at once and the tiles queue for upload, so the first frame can
   * already be sharp instead of waiting a frame for each promise.
   */
  adoptPrefetched(previewUrls: ReadonlySet<string>): void {
    for (const { url, image } of claimPrefetched()) {
      if (previewUrls.has(url) && !this.previews.has(url)) {
        const up = { texture: makeTexture(image), width: image.width, height: image.height };
        this.previewReady.set(url, up);
        this.previews.set(url, Promise.resolve(up));
        this.previewUploads.push(up.texture);
      } else if (!previewUrls.has(url) && !this.tiles.has(url) && !this.decoded.some((d) => d.url === url)) {
        this.decoded.push({ url, image });
      } else image.close();
      this.requestLog.push(url);
    }
  }

  /** Loads (once) the small whole-sphere preview of a scene. */
  preview(url: string): Promise<UploadedTexture> {
    let p = this.previews.get(url);
    if (!p) {
      this.requestLog.push(url);
      p = this.fetcher(url, new AbortController().signal).then(({ image }) => {
        const up = { texture: makeTexture(image), width: image.width, height: image.height };
        this.previewReady.set(url, up);
        this.previewUploads.push(up.texture);
        return up;
      });
      p.catch(() => this.previews.delete(url)); // a failed preview may be retried
      this.previews.set(url, p);
    }
    return p;
  }

  previewIfReady(url: string): UploadedTexture | undefined {
    return this.previewReady.get(url);
  }

  /**
   * Frees previews beyond the most recent `cap`, never those in `keep` (the current room,
   * its neighbours, the room being left). A preview is ~0.4 MB on the GPU, so keeping a
   * dozen makes walking back and forth instant without straining a phone.
   */
  retainPreviews(keep: Set<string>, cap = 12): void {
    for (const url of keep) {
      const up = this.previewReady.get(url);
      if (up) {
        // Re-insert: Map order is our recency order.
        this.previewReady.delete(url);
        this.previewReady.set(url, up);
      }
    }
    for (const [url, up] of this.previewReady) {
      if (this.previewReady.size <= cap) break;
      if (keep.has(url)) continue;
      disposeTexture(up.texture);
      this.previewReady.delete(url);
      this.previews.delete(url);
    }
  }

  dispose(): void {
    this.loader.dispose();
    for (const d of this.decoded) d.image.close?.();
    this.decoded.length = 0;
    this.previewUploads.length = 0;
    this.tiles.clear();
    this.retainPreviews(new Set(), 0);
  }
}
