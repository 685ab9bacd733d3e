import { describe, expect, it } from 'vitest';
import { GpuFence } from '../../../client/viewer/GpuFence.ts';

/** The WebGL2 sync calls GpuFence uses, with a GPU that finishes when the test says so. */
function fakeGl() {
  const live = new Set<object>();
  const done = new Set<object>();
  let flushes = 0;
  const gl = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
    SYNC_STATUS: 0x9114,
    SIGNALED: 0x9119,
    UNSIGNALED: 0x9118,
    fenceSync: () => {
      const s = {};
      live.add(s);
      return s;
    },
    getSyncParameter: (s: object) => (done.has(s) ? 0x9119 : 0x9118),
    deleteSync: (s: object) => void live.delete(s),
    flush: () => void flushes++,
  };
  return { gl: gl as unknown as WebGL2RenderingContext, live, finishAll: () => live.forEach((s) => done.add(s)), flushes: () => flushes };
}

describe('GpuFence', () => {
  it('answers only once the GPU has finished, then forgets the fence', () => {
    const f = fakeGl();
    const fence = new GpuFence<string>();
    expect(fence.poll(f.gl)).toBeNull();
    fence.set(f.gl, 'frame 1');
    expect(f.flushes()).toBe(1); // sent to the GPU, or it never signals
    expect(fence.pending).toBe(true);
    expect(fence.poll(f.gl)).toBeNull();
    f.finishAll();
    expect(fence.poll(f.gl)).toBe('frame 1');
    expect(fence.pending).toBe(false);
    expect(f.live.size).toBe(0);
    expect(fence.poll(f.gl)).toBeNull();
  });

  it('a new fence replaces an unfinished one (no sync object leaks)', () => {
    const f = fakeGl();
    const fence = new GpuFence<number>();
    fence.set(f.gl, 1);
    fence.set(f.gl, 2);
    expect(f.live.size).toBe(1);
    f.finishAll();
    expect(fence.poll(f.gl)).toBe(2);
    fence.set(f.gl, 3);
    fence.clear(f.gl);
    expect(f.live.size).toBe(0);
    expect(fence.pending).toBe(false);
  });

  it('forgets a fence lost with its context: the next frame may draw', () => {
    const f = fakeGl();
    const fence = new GpuFence<number>();
    fence.set(f.gl, 1);
    fence.forget(); // the context is gone: its sync would never signal
    expect(fence.pending).toBe(false);
    expect(fence.poll(f.gl)).toBeNull();
  });
});
