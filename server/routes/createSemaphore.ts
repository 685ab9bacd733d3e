/** At most `n` tasks at once; the rest wait their turn in order. */
export function createSemaphore(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
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
