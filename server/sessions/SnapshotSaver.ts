import { textForLog } from '../protocol/text.ts';
import { repairUnstorableText } from './repairUnstorableText.ts';
import type { SessionStore, StoredSnapshot } from './store/SessionStore.ts';

export interface SnapshotSaverOptions {
  sessionId: string;
  store: SessionStore;
  /** The state to save, read when a write starts (so a write always carries the latest). */
  snapshot: () => StoredSnapshot;
  /** Churn is saved at most this often; an urgent request is not held back. */
  everyMs: number;
  now: () => number;
  log: (line: string) => void;
}

/**
 * Writes one session's snapshot to its store: one write at a time, the latest state wins, churn
 * at most once per `everyMs`, an urgent request (a change everyone saw, shutdown) at once.
 * A value the store cannot hold is repaired before the write and said once in the log; a
 * failed write is said once per run of failures and tried again a throttle later, so the
 * session never stops being saved without a word.
 */
export class SnapshotSaver {
  private running?: Promise<void>;
  private dirty = false;
  private urgent = false;
  private lastWrite = Number.NEGATIVE_INFINITY;
  /** Ends the throttle's wait early (an urgent request came in). */
  private wake?: () => void;
  private retry?: NodeJS.Timeout;
  private failing = false;
  private repairedOnce = false;
  private disposed = false;

  constructor(private readonly o: SnapshotSaverOptions) {}

  /** Asks for a save of the state as it is now; resolves once a write that includes it has finished. */
  request(urgent: boolean): Promise<void> {
    this.dirty = true;
    if (urgent) {
      this.urgent = true;
      this.wake?.();
    }
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Saves now, whatever the throttle says (shutdown, unload). */
  flush(): Promise<void> {
    return this.request(true);
  }

  /** No retries after this (the session left this instance); a flush still writes. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retry);
  }

  private async run(): Promise<void> {
    while (this.dirty) {
      const wait = this.lastWrite + this.o.everyMs - this.o.now();
      if (wait > 0 && !this.urgent) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = undefined;
      }
      this.dirty = false;
      this.urgent = false;
      this.lastWrite = this.o.now();
      await this.write();
    }
  }

  private async write(): Promise<void> {
    const snap = this.o.snapshot();
    const { value: state, repaired } = repairUnstorableText(snap.state);
    if (repaired.length && !this.repairedOnce) {
      this.repairedOnce = true;
      this.o.log(
        `Vantage: session ${this.o.sessionId}: text that cannot be stored (a lone surrogate or NUL) in ${repaired.slice(0, 3).join(', ')}${repaired.length > 3 ? ' …' : ''}; saved with U+FFFD in its place`,
      );
    }
    try {
      await this.o.store.saveSnapshot(this.o.sessionId, { seq: snap.seq, state });
      if (this.failing) this.o.log(`Vantage: session ${this.o.sessionId}: its snapshot is saved again`);
      this.failing = false;
    } catch (e) {
      if (!this.failing) this.o.log(`Vantage: session ${this.o.sessionId}: could not save its snapshot (${textForLog(String((e as Error).message))}); retrying every ${this.o.everyMs} ms`);
      this.failing = true;
      clearTimeout(this.retry);
      if (this.disposed) return;
      this.retry = setTimeout(() => void this.request(false), this.o.everyMs);
      this.retry.unref();
    }
  }
}
