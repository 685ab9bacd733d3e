import { describe, expect, it } from 'vitest';
import { TileLoader } from '../../../client/viewer/TileLoader.ts';
import { LruBudget } from '../../../client/viewer/LruBudget.ts';

/** A fetcher whose requests stay open until the test resolves them. */
function manualFetcher() {
  const open = new Map<string, { resolve: () => void; signal: AbortSignal }>();
  const fetcher = (url: string, signal: AbortSignal) =>
    new Promise<{ image: string; bytes: number }>((resolve, reject) => {
      open.set(url, { resolve: () => resolve({ image: url, bytes: 100 }), signal });
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { open, fetcher };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('TileLoader', () => {
  it('keeps at most maxInFlight requests open, highest priority first', () => {
    const { open, fetcher } = manualFetcher();
    const loader = new TileLoader(fetcher, () => {}, 2);
    loader.want(['a', 'b', 'c', 'd'].map((url) => ({ url })));
    expect([...open.keys()]).toEqual(['a', 'b']);
  });

  it('aborts requests that left the view and starts the new ones', async () => {
    const { open, fetcher } = manualFetcher();
    const loaded: string[] = [];
    const loader = new TileLoader(fetcher, (u) => loaded.push(u), 2);
    loader.want([{ url: 'a' }, { url: 'b' }]);
    loader.want([{ url: 'x' }, { url: 'b' }]);
    expect(open.get('a')!.signal.aborted).toBe(true);
    expect(open.get('b')!.signal.aborted).toBe(false);
    expect(loader.stats.aborted).toBe(1);
    open.get('x')!.resolve();
    await flush();
    expect(loaded).toEqual(['x']);
  });

  it('starts the next wanted tile when one completes', async () => {
    const { open, fetcher } = manualFetcher();
    const loader = new TileLoader(fetcher, () => {}, 1);
    loader.want([{ url: 'a' }, { url: 'b' }]);
    expect(open.has('b')).toBe(false);
    open.get('a')!.resolve();
    await flush();
    expect(open.has('b')).toBe(true);
    expect(loader.stats.bytes).toBe(100);
  });

  it('does not hammer a failing tile', async () => {
    let calls = 0;
    const loader = new TileLoader<string>(async () => {
      calls++;
      throw new Error('404');
    }, () => {}, 4);
    loader.want([{ url: 'bad' }]);
    await flush();
    loader.want([{ url: 'bad' }]);
    loader.want([{ url: 'bad' }]);
    expect(calls).toBe(1);
    expect(loader.stats.failed).toBe(1);
  });
});

describe('LruBudget', () => {
  it('evicts least recently used entries beyond the budget, never protected ones', () => {
    const evicted: string[] = [];
    const lru = new LruBudget<number>(300, (k) => evicted.push(k));
    lru.set('a', 1, 100);
    lru.set('b', 2, 100);
    lru.set('c', 3, 100);
    lru.touch('a');
    lru.set('d', 4, 100);
    lru.trim((k) => k === 'b');
    expect(evicted).toEqual(['c']);
    expect(lru.bytes).toBe(300);
    expect(lru.has('a') && lru.has('b') && lru.has('d')).toBe(true);
  });
});
