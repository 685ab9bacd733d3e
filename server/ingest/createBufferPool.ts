/**
 * Recycles the raw tile buffers between renders. Every tile set is six buffers of up to
 * 514×514×3 bytes; allocating them afresh for the hundreds of tile sets of an 8K source
 * costs page faults and GC pressure, while only the handful being rendered or encoded at
 * any moment are actually alive.
 */
export interface BufferPool {
  take(bytes: number): Buffer;
  /** Hand a buffer back once nothing reads it any more (its encode has finished). */
  give(buf: Buffer): void;
}

export function createBufferPool(): BufferPool {
  const free = new Map<number, Buffer[]>();
  return {
    take(bytes) {
      return free.get(bytes)?.pop() ?? Buffer.allocUnsafeSlow(bytes);
    },
    give(buf) {
      const list = free.get(buf.length);
      if (list) list.push(buf);
      else free.set(buf.length, [buf]);
    },
  };
}
