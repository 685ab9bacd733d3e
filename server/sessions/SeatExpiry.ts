/** A viewer whose socket another instance saw drop gets this much longer, in case that instance died. */
const BACKUP_DELAY_MS = 5000;

/**
 * The grace-period timers of one session's dropped seats: when a seat's grace period has passed
 * with the same socket still gone, `onExpire` is called (it appends the `expire` event).
 */
export class SeatExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly o: {
      graceMs: number;
      now: () => number;
      onExpire: (pid: string, conn: string) => void;
    },
  ) {}

  /**
   * Starts (or restarts) `pid`'s grace period from `from`. With `backup`, another instance saw
   * the drop and expires the seat; this one only steps in if that instance died.
   */
  schedule(pid: string, conn: string, from: number, backup: boolean): void {
    this.cancel(pid);
    const delay = Math.max(0, from + this.o.graceMs + (backup ? BACKUP_DELAY_MS : 0) - this.o.now());
    const t = setTimeout(() => {
      this.timers.delete(pid);
      this.o.onExpire(pid, conn);
    }, delay);
    t.unref();
    this.timers.set(pid, t);
  }

  cancel(pid: string): void {
    clearTimeout(this.timers.get(pid));
    this.timers.delete(pid);
  }

  /** Every timer stopped (the session ended or left this instance). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
