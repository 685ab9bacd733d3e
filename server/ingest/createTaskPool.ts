/**
 * Runs async tasks with at most `limit` in flight. The tiler renders tiles in JS on the
 * main thread while sharp encodes earlier ones on its worker threads; the bound keeps
 * those two overlapped without queueing hundreds of raw tile buffers in memory.
 *
 * The first failure is remembered: `run` and `drain` then reject with it, so the caller
 * stops producing work and can clean up once everything in flight has settled.
 */
export interface TaskPool {
  /** Resolves when the task has been started (waiting for a free slot if needed). */
  run(task: () => Promise<unknown>): Promise<void>;
  /** Resolves when every started task has finished; rejects with the first failure. */
  drain(): Promise<void>;
}

export function createTaskPool(limit: number): TaskPool {
  const inFlight = new Set<Promise<void>>();
  let failed = false;
  let failure: unknown;

  const fail = (err: unknown) => {
    if (!failed) {
      failed = true;
      failure = err;
    }
  };

  return {
    async run(task) {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (failed) throw failure;
      // Tracked promises never reject (errors go to `failure`), so races and drains can't throw early.
      const p: Promise<void> = task().then(
        () => {},
        (err) => fail(err),
      );
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight);
      if (failed) throw failure;
    },
  };
}
