import type { Exhibit } from '@protocol';
import { HostApiError } from '../HostApiError.ts';

export type ModelUploadState = 'queued' | 'uploading' | 'processing' | 'done' | 'error';

export interface ModelUploadItem {
  readonly id: string;
  readonly fileName: string;
  readonly size: number;
  readonly state: ModelUploadState;
  /** Bytes sent so far, of total. */
  readonly loaded: number;
  readonly total: number;
  /** The server's code and one sentence, when state is "error". */
  readonly error?: { code: string; message: string };
  /** The exhibit it became, when state is "done". */
  readonly exhibitId?: string;
}

export type StartModelUpload = (
  file: File,
  on: { progress: (loaded: number, total: number) => void; processing: () => void },
) => { done: Promise<Exhibit>; abort: () => void };

/**
 * Models uploading for one museum, each with its own progress and its own error — the
 * room UploadQueue's shape (snapshot + subscribe for useSyncExternalStore) for exhibits.
 * One at a time: optimising a model keeps a server core busy for seconds, and a phone's
 * uplink gives each file its full speed.
 */
export class ModelUploadQueue {
  private list: ModelUploadItem[] = [];
  private readonly files = new Map<string, File>();
  private readonly running = new Map<string, () => void>();
  private readonly listeners = new Set<() => void>();
  private readonly uploadedListeners = new Set<(exhibit: Exhibit) => void>();
  private seq = 0;
  private disposed = false;

  constructor(private readonly start: StartModelUpload) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly ModelUploadItem[] => this.list;

  /** Called with each exhibit the server has finished (the page reloads its list). */
  onUploaded(listener: (exhibit: Exhibit) => void): () => void {
    this.uploadedListeners.add(listener);
    return () => this.uploadedListeners.delete(listener);
  }

  get busy(): boolean {
    return this.list.some((i) => i.state === 'queued' || i.state === 'uploading' || i.state === 'processing');
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const id = `m${++this.seq}`;
      this.files.set(id, file);
      this.list = [...this.list, { id, fileName: file.name, size: file.size, state: 'queued', loaded: 0, total: file.size }];
    }
    this.emit();
    this.pump();
  }

  /** Tries a failed upload again (after a dropped connection or a server error). */
  retry(id: string): void {
    if (this.list.find((i) => i.id === id)?.state !== 'error') return;
    this.patch(id, { state: 'queued', loaded: 0, error: undefined });
    this.pump();
  }

  cancel(id: string): void {
    const abort = this.running.get(id);
    if (abort) abort();
    else if (this.list.find((i) => i.id === id)?.state === 'queued') this.remove(id);
  }

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
    if (this.running.size > 0 || this.disposed) return;
    const next = this.list.find((i) => i.state === 'queued');
    if (next) this.run(next.id);
  }

  private run(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.patch(id, { state: 'uploading', loaded: 0 });
    const job = this.start(file, {
      progress: (loaded, total) => this.patch(id, { loaded, total }),
      processing: () => this.patch(id, { state: 'processing', loaded: file.size }),
    });
    this.running.set(id, job.abort);
    job.done.then(
      (exhibit) => {
        this.running.delete(id);
        this.patch(id, { state: 'done', exhibitId: exhibit.id });
        if (!this.disposed) for (const l of this.uploadedListeners) l(exhibit);
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

  private patch(id: string, change: Partial<ModelUploadItem>): void {
    if (!this.list.some((i) => i.id === id)) return;
    this.list = this.list.map((i) => (i.id === id ? { ...i, ...change } : i));
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
