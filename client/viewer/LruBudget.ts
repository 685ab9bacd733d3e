/**
 * Least-recently-used entries under a byte budget. GPU memory is a budget, not a hope:
 * the panorama keeps every texture it loads here and frees the oldest unseen ones.
 */
export class LruBudget<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private used = 0;

  constructor(
    private budgetBytes: number,
    private readonly onEvict: (key: string, value: V) => void,
  ) {}

  get bytes(): number {
    return this.used;
  }
  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Returns the value and marks it most recently used. */
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Marks a key as used this frame without reading it. */
  touch(key: string): void {
    this.get(key);
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    this.entries.set(key, { value, bytes });
    this.used += bytes;
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.used -= e.bytes;
    this.onEvict(key, e.value);
  }

  /** Evicts oldest first until within budget, never a key `keep` protects (what is on screen). */
  trim(keep: (key: string) => boolean): void {
    if (this.used <= this.budgetBytes) return;
    for (const key of [...this.entries.keys()]) {
      if (this.used <= this.budgetBytes) break;
      if (!keep(key)) this.delete(key);
    }
  }

  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.delete(key);
  }
}
