/**
 * A camera reads the same QR many times a second: let a code through once, then ignore it
 * for `quietMs` (a different code passes at once).
 */
export class ScanGate {
  private last: { code: string; at: number } | null = null;
  constructor(
    private readonly quietMs = 4000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  accept(code: string): boolean {
    const t = this.now();
    if (this.last && this.last.code === code && t - this.last.at < this.quietMs) return false;
    this.last = { code, at: t };
    return true;
  }
}
