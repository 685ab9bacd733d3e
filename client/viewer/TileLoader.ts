/** Decodes an image off the main thread; injectable so the scheduler is testable in Node. */
export type ImageFetcher<I> = (url: string, signal: AbortSignal) => Promise<{ image: I; bytes: number }>;

export interface TileRequest {
  /** Unique across scenes: the tile URL. */
  url: string;
}

export interface LoaderStats {
  requested: number;
  completed: number;
  aborted: number;
  failed: number;
  bytes: number;
}

/**
 * Fetches tiles in priority order with a bounded number in flight. Each frame the viewer
 * says what it wants (`want`); requests no longer wanted are aborted, so a fast pan never
 * queues up work for places the person has already turned away from.
 */
export class TileLoader<I> {
  private readonly inFlight = new Map<string, AbortController>();
  private wanted: TileRequest[] = [];
  private readonly failedAt = new Map<string, number>();
  readonly stats: LoaderStats = { requested: 0, completed: 0, aborted: 0, failed: 0, bytes: 0 };
  private disposed = false;

  constructor(
    private readonly fetcher: ImageFetcher<I>,
    private readonly onLoad: (url: string, image: I, bytes: number) => void,
    private readonly maxInFlight = 4,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get pending(): number {
    return this.inFlight.size;
  }

  isLoading(url: string): boolean {
    return this.inFlight.has(url);
  }

  /** Replaces the wish list (highest priority first) and starts what fits. */
  want(requests: TileRequest[]): void {
    if (this.disposed) return;
    this.wanted = requests;
    const keep = new Set(requests.map((r) => r.url));
    for (const [url, ctrl] of this.inFlight) {
      if (!keep.has(url)) {
        ctrl.abort();
        this.inFlight.delete(url);
        this.stats.aborted++;
      }
    }
    this.pump();
  }

  private pump(): void {
    for (const req of this.wanted) {
      if (this.inFlight.size >= this.maxInFlight) break;
      if (this.inFlight.has(req.url)) continue;
      // A failed tile is retried after a pause, not in a hot loop (the parent stays drawn).
      const failed = this.failedAt.get(req.url);
      if (failed !== undefined && this.now() - failed < 5000) continue;
      this.start(req.url);
    }
  }

  private start(url: string): void {
    const ctrl = new AbortController();
    this.inFlight.set(url, ctrl);
    this.stats.requested++;
    this.fetcher(url, ctrl.signal).then(
      ({ image, bytes }) => {
        if (this.inFlight.get(url) !== ctrl) return; // aborted meanwhile
        this.inFlight.delete(url);
        this.failedAt.delete(url);
        this.stats.completed++;
        this.stats.bytes += bytes;
        this.wanted = this.wanted.filter((r) => r.url !== url);
        if (!this.disposed) this.onLoad(url, image, bytes);
        this.pump();
      },
      () => {
        if (this.inFlight.get(url) !== ctrl) return;
        this.inFlight.delete(url);
        this.stats.failed++;
        this.failedAt.set(url, this.now());
        this.pump();
      },
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const ctrl of this.inFlight.values()) ctrl.abort();
    this.inFlight.clear();
    this.wanted = [];
  }
}
