import { HostApiError } from './HostApiError.ts';

export type UploadState = 'queued' | 'uploading' | 'processing' | 'done' | 'error';

export interface UploadItem {
  readonly id: string;
  readonly fileName: string;
  readonly size: number;
  readonly state: UploadState;
  /** Bytes sent (uploading). */
  readonly loaded: number;
  readonly total: number;
  /** The server's code and one sentence, when state is "error". */
  readonly error?: { code: string; message: string };
  /** What it became (the room's or the exhibit's id), when state is "done". */
  readonly resultId?: string;
}

export type StartUpload<T> = (
  file: File,
  opts: { replace: boolean },
  on: { progress: (loaded: number, total: number) => void; processing: () => void },
) => { done: Promise<T>; abort: () => void };

/**
 * Several files uploading — room photos that become rooms, models that become exhibits —
 * each with its own progress and its own error. Plain TS with a snapshot + subscribe pair
 * for useSyncExternalStore. At most `concurrency` files are in flight: the server processes
 * one at a time anyway, and this keeps a phone's uplink from splitting ten ways.
 */
export class UploadQueue<T extends { id: string }> {
  private list: UploadItem[] = [];
  private readonly files = new Map<string, { file: File; replace: boolean }>();
  private readonly running = new Map<string, () => void>();
  private readonly listeners = new Set<() => void>();
  private readonly uploadedListeners = new Set<(result: T) => void>();
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly start: StartUpload<T>,
    private readonly opts: { concurrency?: number; /** Item ids start with it (one console may hold two queues). */ idPrefix?: string } = {},
  ) {}

  /** The current items (a new array after every change). */
  get items(): readonly UploadItem[] {
    return this.list;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly UploadItem[] => this.list;

  /** Called with each result the server has finished (the page reloads its list). */
  onUploaded(listener: (result: T) => void): () => void {
    this.uploadedListeners.add(listener);
    return () => this.uploadedListeners.delete(listener);
  }

  /** Whether any file is still waiting, uploading or being tiled. */
  get busy(): boolean {
    return this.list.some((i) => i.state === 'queued' || i.state === 'uploading' || i.state === 'processing');
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const id = `${this.opts.idPrefix ?? 'u'}${++this.seq}`;
      this.files.set(id, { file, replace: false });
      this.list = [...this.list, { id, fileName: file.name, size: file.size, state: 'queued', loaded: 0, total: file.size }];
    }
    this.emit();
    this.pump();
  }

  /** Tries a failed upload again; with replace, overwrites the room of the same name (after name_taken). */
  retry(id: string, replace = false): void {
    const f = this.files.get(id);
    const item = this.list.find((i) => i.id === id);
    if (!f || !item || item.state !== 'error') return;
    f.replace = replace;
    this.patch(id, { state: 'queued', loaded: 0, error: undefined });
    this.pump();
  }

  cancel(id: string): void {
    const abort = this.running.get(id);
    if (abort) abort();
    else if (this.list.find((i) => i.id === id)?.state === 'queued') this.remove(id);
  }

  /** Forgets finished and failed items (the list shows only what still matters). */
  clearFinished(): void {
    for (const i of this.list) if (i.state === 'done' || i.state === 'error') this.files.delete(i.id);
    this.list = this.list.filter((i) => i.state !== 'done' && i.state !== 'error');
    this.emit();
  }

  remove(id: string): void {
    this.running.get(id)?.();
    this.files.delete(id);
    this.list = this.list.filter((i) => i.id !== id);
    this.emit();
  }

  dispose(): void {
    this.disposed = true;
    for (const abort of [...this.running.values()]) abort();
    this.listeners.clear();
    this.uploadedListeners.clear();
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 2;
    for (const item of this.list) {
      if (this.running.size >= limit || this.disposed) return;
      if (item.state !== 'queued' || this.running.has(item.id)) continue;
      this.run(item.id);
    }
  }

  private run(id: string): void {
    const f = this.files.get(id);
    if (!f) return;
    this.patch(id, { state: 'uploading', loaded: 0 });
    const job = this.start(f.file, { replace: f.replace }, {
      progress: (loaded, total) => this.patch(id, { loaded, total }),
      processing: () => this.patch(id, { state: 'processing', loaded: f.file.size }),
    });
    this.running.set(id, job.abort);
    job.done.then(
      (result) => {
        this.running.delete(id);
        this.patch(id, { state: 'done', resultId: result.id });
        if (!this.disposed) for (const l of this.uploadedListeners) l(result);
        this.pump();
      },
      (e: unknown) => {
        this.running.delete(id);
        const err = e instanceof HostApiError ? e : new HostApiError(0, 'unknown', String(e));
        if (err.code === 'aborted') this.remove(id);
        else this.patch(id, { state: 'error', error: { code: err.code, message: err.message } });
        this.pump();
      },
    );
  }

  private patch(id: string, change: Partial<UploadItem>): void {
    if (!this.list.some((i) => i.id === id)) return;
    this.list = this.list.map((i) => (i.id === id ? { ...i, ...change } : i));
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
