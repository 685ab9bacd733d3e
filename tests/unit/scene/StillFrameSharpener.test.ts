import { describe, expect, it } from 'vitest';
import { SHARPEN_AFTER_QUIET_FRAMES, StillFrameSharpener } from '../../../client/scene/StillFrameSharpener.ts';

const dense = { visible: true, dpr: 2 };
const frames = (s: StillFrameSharpener, changes: boolean[], opts = dense) => changes.map((c) => s.next(c, opts));

describe('StillFrameSharpener (client/scene/StillFrameSharpener.ts)', () => {
  it('sharpens once, after a few unchanged frames, and again only after the next change', () => {
    const s = new StillFrameSharpener();
    const still = Array<boolean>(10).fill(false);
    const out = frames(s, [true, ...still, true, ...still]);
    // One sharpened frame per stillness, SHARPEN_AFTER_QUIET_FRAMES after the change.
    expect(out.filter(Boolean)).toHaveLength(2);
    expect(out.indexOf(true)).toBe(SHARPEN_AFTER_QUIET_FRAMES);
    expect(out.lastIndexOf(true)).toBe(11 + SHARPEN_AFTER_QUIET_FRAMES);
  });

  it('never between tiles arriving every other frame, nor while moving', () => {
    const s = new StillFrameSharpener();
    expect(frames(s, [true, false, true, false, false, true, true, true]).some(Boolean)).toBe(false);
  });

  it('not at DPR 1, and not while the canvas is hidden (the stillness counts from when it shows)', () => {
    expect(frames(new StillFrameSharpener(), [true, false, false, false, false], { visible: true, dpr: 1 }).some(Boolean)).toBe(false);
    const s = new StillFrameSharpener();
    expect(frames(s, [true, false, false, false, false], { visible: false, dpr: 2 }).some(Boolean)).toBe(false);
    expect(frames(s, [false, false, false])).toEqual([false, false, true]);
  });
});
