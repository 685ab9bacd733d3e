import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchModel, takeEarlyModel } from '../../../client/model/earlyModel.ts';

afterEach(() => vi.unstubAllGlobals());

describe('earlyModel', () => {
  it('asks for a model once however often it is prefetched, and hands the response over once', async () => {
    const fetch = vi.fn(async () => new Response('glb'));
    vi.stubGlobal('fetch', fetch);
    prefetchModel('/tiles/m/_exhibits/a/r1/model.glb');
    prefetchModel('/tiles/m/_exhibits/a/r1/model.glb');
    expect(fetch).toHaveBeenCalledTimes(1);
    const res = await takeEarlyModel('/tiles/m/_exhibits/a/r1/model.glb');
    expect(await res?.text()).toBe('glb');
    // A second load (the page reopened) asks afresh rather than reading a used body.
    expect(takeEarlyModel('/tiles/m/_exhibits/a/r1/model.glb')).toBeUndefined();
    expect(takeEarlyModel('/tiles/m/_exhibits/b/r1/model.glb')).toBeUndefined();
  });

  it('a failed early fetch raises no unhandled rejection', async () => {
    const fetch = vi.fn(async () => Promise.reject(new TypeError('offline')));
    vi.stubGlobal('fetch', fetch);
    prefetchModel('/x.glb');
    await new Promise((r) => setTimeout(r, 10));
    await expect(takeEarlyModel('/x.glb')).rejects.toThrow('offline');
  });
});
