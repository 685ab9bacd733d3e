import { afterEach, describe, expect, it, vi } from 'vitest';
import * as THREE from 'three';
import { CanvasPresenter, COMPILE_WAIT_MS, type PresenterRenderer } from '../../../client/viewer/CanvasPresenter.ts';

/** A WebGL2 context with just the sync calls, whose GPU finishes when the test says so. */
function fakeGl() {
  const live = new Set<object>();
  const done = new Set<object>();
  const gl = {
    SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
    SYNC_STATUS: 0x9114,
    SIGNALED: 0x9119,
    fenceSync: () => {
      const s = {};
      live.add(s);
      return s;
    },
    getSyncParameter: (s: object) => (done.has(s) ? 0x9119 : 0x9118),
    deleteSync: (s: object) => void live.delete(s),
    flush: () => {},
  };
  return { gl, live, finishGpu: () => live.forEach((s) => done.add(s)) };
}

interface Status {
  frame: number;
}

/** A presenter over a real three scene, a renderer that counts draws, and compiles the test finishes. */
function world() {
  const { gl, live, finishGpu } = fakeGl();
  const canvas = new EventTarget();
  const compiles: (() => void)[] = [];
  let draws = 0;
  const renderer = {
    domElement: canvas,
    getContext: () => gl,
    render: () => void draws++,
    compileAsync: () => new Promise<void>((resolve) => compiles.push(() => resolve())),
  } as unknown as PresenterRenderer;
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(60, 16 / 9, 0.1, 1000);
  const tile = new THREE.Mesh(new THREE.PlaneGeometry(), new THREE.MeshBasicMaterial());
  scene.add(tile);
  let status: Status = { frame: 0 };
  let uploads = 0;
  const presenter = new CanvasPresenter<Status>(
    () => status,
    () => uploads,
  );
  const size = { width: 1280, height: 720, dpr: 1 };
  return {
    presenter,
    renderer,
    canvas,
    scene,
    camera,
    tile,
    live,
    finishGpu,
    compiles,
    draws: () => draws,
    /** One frame: the engine's update has set the status and uploads; returns whether the frame was drawn. */
    frame: (next: Status = status, opts: { uploads?: number; inXr?: boolean } = {}) => {
      status = next;
      uploads = opts.uploads ?? 0;
      return presenter.present(renderer, scene, camera, size, opts.inXr ?? false);
    },
    /** Attached and warmed up with the compile finished. */
    ready: async () => {
      presenter.attach(renderer);
      presenter.warmUp(renderer, camera, scene);
      compiles.at(-1)!();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

afterEach(() => void vi.useRealTimers());

describe('CanvasPresenter: when a frame is drawn', () => {
  it('draws nothing until the shaders are compiled, then only frames where something changed', async () => {
    const w = world();
    w.presenter.attach(w.renderer);
    w.presenter.warmUp(w.renderer, w.camera, w.scene);
    expect(w.frame()).toBe(false);
    expect(w.frame()).toBe(false);
    expect(w.draws()).toBe(0);
    w.compiles[0]();
    await settle();
    expect(w.frame()).toBe(true);
    expect(w.frame(), 'a still view').toBe(false);
    w.tile.position.x = 1;
    expect(w.frame(), 'a tile moved').toBe(true);
    w.camera.rotation.y = 0.3;
    expect(w.frame(), 'the camera turned').toBe(true);
    expect(w.draws()).toBe(3);
  });

  it('starts drawing after COMPILE_WAIT_MS when the compile never answers', () => {
    vi.useFakeTimers();
    const w = world();
    w.presenter.attach(w.renderer);
    w.presenter.warmUp(w.renderer, w.camera, w.scene);
    vi.advanceTimersByTime(COMPILE_WAIT_MS - 1);
    expect(w.frame()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(w.frame()).toBe(true);
  });

  it('a new canvas waits for its own compile: a late compile of the one before does not count', async () => {
    const w = world();
    const detach = w.presenter.attach(w.renderer);
    const dispose = w.presenter.warmUp(w.renderer, w.camera, w.scene);
    dispose();
    detach();
    w.presenter.attach(w.renderer);
    w.presenter.warmUp(w.renderer, w.camera, w.scene);
    w.compiles[0]();
    await settle();
    expect(w.frame()).toBe(false);
    w.compiles[1]();
    await settle();
    expect(w.frame()).toBe(true);
  });

  it('draws the first view a frame after its first uploads, and later uploads do not postpone it again', async () => {
    const w = world();
    await w.ready();
    expect(w.frame({ frame: 1 }, { uploads: 6 }), 'the frame that uploaded the first view').toBe(false);
    expect(w.frame({ frame: 2 }, { uploads: 1 }), 'the next frame, still uploading').toBe(true);
    expect(w.presenter.drawn).toEqual({ frame: 2 });
    w.tile.position.x = 1;
    expect(w.frame({ frame: 3 }, { uploads: 4 })).toBe(true);
  });

  it('does not split when nothing was uploaded, or once something is drawn', async () => {
    const w = world();
    await w.ready();
    expect(w.frame({ frame: 1 })).toBe(true);
    w.tile.position.x = 1;
    expect(w.frame({ frame: 2 }, { uploads: 6 })).toBe(true);
  });

  it('uncovered: drawn is the status of the frame just drawn, and a frame not drawn leaves it', async () => {
    const w = world();
    await w.ready();
    expect(w.presenter.drawn).toBeNull();
    w.frame({ frame: 1 });
    expect(w.presenter.drawn).toEqual({ frame: 1 });
    w.frame({ frame: 2 }); // nothing changed: not drawn
    expect(w.presenter.drawn).toEqual({ frame: 1 });
    expect(w.live.size).toBe(0); // no fence when the canvas shows
  });

  it('covered: one frame at a time, and drawn only once the GPU has finished it', async () => {
    const w = world();
    await w.ready();
    w.presenter.covered = true;
    expect(w.frame({ frame: 1 })).toBe(true);
    expect(w.presenter.drawn).toBeNull();
    w.tile.position.x = 1;
    expect(w.frame({ frame: 2 }), 'the last frame is still on the GPU').toBe(false);
    expect(w.draws()).toBe(1);
    w.finishGpu();
    expect(w.frame({ frame: 3 })).toBe(true);
    expect(w.presenter.drawn, 'the frame the GPU finished, not the one just drawn').toEqual({ frame: 1 });
    w.finishGpu();
    w.frame({ frame: 4 });
    expect(w.presenter.drawn).toEqual({ frame: 3 });
  });

  it('a headset draws every frame, compiled or not, and never waits for the GPU', () => {
    const w = world();
    w.presenter.attach(w.renderer);
    w.presenter.warmUp(w.renderer, w.camera, w.scene);
    w.presenter.covered = true;
    expect(w.frame({ frame: 1 }, { inXr: true })).toBe(true);
    expect(w.frame({ frame: 2 }, { inXr: true })).toBe(true);
    expect(w.presenter.drawn).toEqual({ frame: 2 });
    expect(w.live.size).toBe(0);
  });

  it('a lost context drops the fence (a covered canvas keeps drawing); a restored one redraws what it has', async () => {
    const w = world();
    await w.ready();
    w.presenter.covered = true;
    w.frame({ frame: 1 });
    w.canvas.dispatchEvent(new Event('webglcontextlost'));
    w.tile.position.x = 1;
    expect(w.frame({ frame: 2 }), 'a fence lost with its context would never signal').toBe(true);
    w.presenter.covered = false;
    w.frame({ frame: 3 });
    expect(w.frame({ frame: 4 }), 'still').toBe(false);
    w.canvas.dispatchEvent(new Event('webglcontextrestored'));
    expect(w.frame({ frame: 5 }), 'nothing changed, but the restored context lost the picture').toBe(true);
  });

  it('detaching deletes a pending fence and stops listening to the canvas', async () => {
    const w = world();
    w.presenter.attach(w.renderer)();
    const detach = w.presenter.attach(w.renderer);
    w.presenter.warmUp(w.renderer, w.camera, w.scene);
    w.compiles.at(-1)!();
    await settle();
    w.presenter.covered = true;
    w.frame({ frame: 1 });
    expect(w.live.size).toBe(1);
    detach();
    expect(w.live.size).toBe(0);
    w.presenter.covered = false;
    w.frame({ frame: 2 });
    w.canvas.dispatchEvent(new Event('webglcontextrestored'));
    expect(w.frame({ frame: 3 }), 'no listener left to force a redraw').toBe(false);
  });
});
