/**
 * Runs tasks one at a time per key, in arrival order; different keys run side by side.
 * The host routes read a place, change it and write it back whole: without this, two
 * saves of one place at once (the floor-plan page moving two rooms) each write back what
 * they read and the later one silently undoes the earlier.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<void>>();
  return function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    tails.set(key, tail);
    // Forget idle keys so the map stays as small as the work in flight.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}
