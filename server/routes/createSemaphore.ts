/** At most `n` tasks at once; the rest wait their turn in order. */
export function createSemaphore(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    /** Tasks running or waiting. */
    get size() {
      return active + waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
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
