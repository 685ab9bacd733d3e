/** One token bucket (per socket): `burst` at once, refilled at `perSecond`. Rate and burst may vary per call (the lead's poses get more). */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes one token; false when over the rate. */
  take(now = Date.now(), perSecond = this.perSecond, burst = this.burst): boolean {
    this.tokens = Math.min(burst, this.tokens + ((now - this.at) / 1000) * perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
