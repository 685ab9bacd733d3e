/**
 * Token buckets per key (an IP, a socket): `burst` at once, refilled at `perSecond`.
 * In memory per instance — enough to blunt guessing and floods; the bucket map is pruned
 * so a spray of keys cannot grow it without bound.
 */
export function createRateLimiter(opts: { burst: number; perSecond: number; maxKeys?: number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = opts.maxKeys ?? 10_000;
  return {
    /** Takes one token; false when the key is over its rate. */
    take(key: string, now = Date.now()): boolean {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        b = { tokens: opts.burst, at: now };
        buckets.set(key, b);
      }
      b.tokens = Math.min(opts.burst, b.tokens + ((now - b.at) / 1000) * opts.perSecond);
      b.at = now;
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
