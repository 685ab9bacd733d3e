/** Exponential backoff with jitter: attempt 0 waits ~base, each further one doubles, up to max. */
export function reconnectDelay(attempt: number, opts: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 15_000;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 20));
  // Full-ish jitter: thousands of viewers dropped by one restart don't come back in one wave.
  return Math.round(ceiling * (0.5 + 0.5 * (opts.random ?? Math.random)()));
}
