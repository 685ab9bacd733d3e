import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { warmWhenStill } from '../../../client/tour/warmWhenStill.ts';

function sources() {
  const status = new Set<(s: { sharp: boolean }) => void>();
  const change = new Set<() => void>();
  return {
    src: {
      onStatus: (l: (s: { sharp: boolean }) => void) => (status.add(l), () => void status.delete(l)),
      onChange: (l: () => void) => (change.add(l), () => void change.delete(l)),
    },
    sharp: (sharp: boolean) => status.forEach((l) => l({ sharp })),
    move: () => change.forEach((l) => l()),
    listeners: () => status.size + change.size,
  };
}

describe('warmWhenStill (the dollhouse code waits for a still, sharp view)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the room to be sharp, then for the view to rest; a pan keeps putting it off', () => {
    const s = sources();
    const warm = vi.fn();
    warmWhenStill(s.src, 800, warm);
    vi.advanceTimersByTime(5000);
    expect(warm, 'not before the room is sharp').not.toHaveBeenCalled();
    s.sharp(true);
    for (let i = 0; i < 100; i++) {
      vi.advanceTimersByTime(16);
      s.move(); // a pan: a view change every frame
    }
    expect(warm, 'not during the pan').not.toHaveBeenCalled();
    vi.advanceTimersByTime(799);
    expect(warm).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(warm).toHaveBeenCalledTimes(1);
    // Once only, and it stops listening.
    s.sharp(false);
    s.sharp(true);
    vi.advanceTimersByTime(5000);
    expect(warm).toHaveBeenCalledTimes(1);
    expect(s.listeners()).toBe(0);
  });

  it('stops when asked: nothing runs after the tour is gone', () => {
    const s = sources();
    const warm = vi.fn();
    const stop = warmWhenStill(s.src, 800, warm);
    s.sharp(true);
    stop();
    vi.advanceTimersByTime(5000);
    expect(warm).not.toHaveBeenCalled();
    expect(s.listeners()).toBe(0);
  });
});
