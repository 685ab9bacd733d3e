import { afterEach, describe, expect, it, vi } from 'vitest';
import { CanvasPresenter } from '../../../client/viewer/CanvasPresenter.ts';
import { CoverHandoff, type FrameClock } from '../../../client/viewer/CoverHandoff.ts';
import type { ViewerStatus } from '../../../client/viewer/PanoramaViewer.ts';

const status = (sceneId: string, s: Partial<ViewerStatus> = {}): ViewerStatus => ({
  sceneId,
  level: 1,
  visible: 6,
  ready: 0,
  sharp: false,
  previewReady: true,
  progress: 0.2,
  ...s,
});
const SHARP = { ready: 6, sharp: true, progress: 1 };

/** Animation frames the test steps one at a time. */
function frames() {
  let next = 1;
  const queue = new Map<number, () => void>();
  const clock: FrameClock = {
    request: (cb) => (queue.set(next, cb), next++),
    cancel: (id) => void queue.delete(id),
  };
  return {
    clock,
    pending: () => queue.size,
    step: () => {
      const due = [...queue.values()];
      queue.clear();
      for (const cb of due) cb();
    },
  };
}

/** A viewer's canvas (what it has drawn), its room, its status events, and the view and room events the paint cannot follow. */
function handoff(maxMs = 15_000) {
  const canvas = new CanvasPresenter<ViewerStatus>(
    () => status('hall'),
    () => 0,
  );
  const statusListeners = new Set<(s: ViewerStatus) => void>();
  const movedListeners = new Set<() => void>();
  const viewer = {
    canvas,
    sceneId: 'hall' as string | null,
    onStatus: (l: (s: ViewerStatus) => void) => (statusListeners.add(l), () => void statusListeners.delete(l)),
  };
  const f = frames();
  const h = new CoverHandoff(viewer, f.clock);
  const uncovered = vi.fn();
  h.watch([(l) => (movedListeners.add(l), () => void movedListeners.delete(l))], maxMs, uncovered);
  return {
    h,
    canvas,
    viewer,
    frames: f,
    uncovered,
    listeners: () => statusListeners.size + movedListeners.size,
    emit: (s: ViewerStatus) => statusListeners.forEach((l) => l(s)),
    move: () => movedListeners.forEach((l) => l()),
  };
}

afterEach(() => void vi.useRealTimers());

describe('CoverHandoff: when the first paint gives way to WebGL', () => {
  it('covers the canvas, and uncovers one frame after the canvas has drawn the view sharp', () => {
    const t = handoff();
    expect(t.canvas.covered).toBe(true);
    t.emit(status('hall', SHARP)); // the engine is sharp; the canvas has not drawn it yet
    t.frames.step();
    t.frames.step();
    expect(t.canvas.covered).toBe(true);
    t.canvas.drawn = status('hall'); // the preview only: not enough while the view is where the paint shows it
    t.frames.step();
    expect(t.canvas.covered).toBe(true);
    t.canvas.drawn = status('hall', SHARP);
    t.frames.step(); // this frame sees it drawn…
    expect(t.canvas.covered, 'the drawn frame has not been presented yet').toBe(true);
    expect(t.uncovered).not.toHaveBeenCalled();
    t.frames.step(); // …and the next one shows it
    expect(t.canvas.covered).toBe(false);
    expect(t.uncovered).toHaveBeenCalledOnce();
    expect(t.listeners()).toBe(0);
    expect(t.frames.pending()).toBe(0);
  });

  it('once the view or room moved, any frame of the room will do: the paint cannot follow', () => {
    const t = handoff();
    t.move();
    t.canvas.drawn = status('hall');
    t.frames.step();
    t.frames.step();
    expect(t.canvas.covered).toBe(false);
    expect(t.uncovered).toHaveBeenCalledOnce();
  });

  it('a sharp status after a move does not narrow it back to sharp', () => {
    const t = handoff();
    t.move();
    t.emit(status('hall', SHARP));
    t.canvas.drawn = status('hall');
    t.frames.step();
    t.frames.step();
    expect(t.canvas.covered).toBe(false);
  });

  it('a frame drawn of the room before does not count', () => {
    const t = handoff();
    t.move();
    t.viewer.sceneId = 'kitchen';
    t.canvas.drawn = status('hall', SHARP);
    for (let i = 0; i < 5; i++) t.frames.step();
    expect(t.canvas.covered).toBe(true);
    t.canvas.drawn = status('kitchen');
    t.frames.step();
    t.frames.step();
    expect(t.canvas.covered).toBe(false);
  });

  it('does nothing each frame until something happens: no frame is asked for before a status or a move', () => {
    const t = handoff();
    t.canvas.drawn = status('hall', SHARP);
    expect(t.frames.pending()).toBe(0);
    expect(t.canvas.covered).toBe(true);
  });

  it('never outlasts maxMs: a viewer that cannot get sharp still shows what it has', () => {
    vi.useFakeTimers();
    const t = handoff(15_000);
    t.emit(status('hall', SHARP));
    vi.advanceTimersByTime(14_999);
    expect(t.canvas.covered).toBe(true);
    vi.advanceTimersByTime(1);
    expect(t.canvas.covered).toBe(false);
    expect(t.uncovered).toHaveBeenCalledOnce();
    expect(t.frames.pending(), 'its frame check is cancelled').toBe(0);
    expect(t.listeners()).toBe(0);
  });

  it('end() uncovers at once, once: the tour leaving removes the paint and every listener', () => {
    vi.useFakeTimers();
    const t = handoff();
    t.emit(status('hall', SHARP));
    t.h.end();
    t.h.end();
    expect(t.canvas.covered).toBe(false);
    expect(t.uncovered).toHaveBeenCalledOnce();
    expect(t.listeners()).toBe(0);
    expect(t.frames.pending()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
