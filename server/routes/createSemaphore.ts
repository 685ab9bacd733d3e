/**
 * At most `n` tasks at once; the rest wait their turn in order. With `maxWaiting`, a task that
 * would be one more waiter is refused at once with `busy()` (each waiter may hold an upload in memory).
 */
export function createSemaphore(n: number, bound?: { maxWaiting: number; busy: () => Error }) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    /** Tasks running or waiting. */
    get size() {
      return active + waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= n && bound && waiting.length >= bound.maxWaiting) throw bound.busy();
      if (active >= n) await new Promise<void>((r) => waiting.push(r));
      active++;
      try {
        return await task();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}
