/**
 * Tells when the GPU has finished a frame, without waiting for it (a WebGL2 fence, polled).
 * Drawing into a canvas nobody looks at yet (hidden under a tour link's first paint) has no
 * back-pressure: the browser never reads that canvas, so frames queue on the GPU and the
 * first read — the moment the canvas shows — waits for all of them: one long frame, perhaps
 * in the middle of a pan. With a fence, the next frame is drawn only once the last one is
 * done, and "drawn" means on the GPU, done.
 */
export class GpuFence<T> {
  private sync: WebGLSync | null = null;
  private value: T | null = null;

  /** Marks the commands issued so far; `value` is what `poll` returns once they are done. */
  set(gl: WebGL2RenderingContext, value: T): void {
    this.clear(gl);
    this.sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    this.value = value;
    gl.flush(); // a fence only signals once its commands have been sent to the GPU
  }

  get pending(): boolean {
    return this.sync !== null;
  }

  /** The value once the marked commands are done (then the fence is cleared); null while they are not. */
  poll(gl: WebGL2RenderingContext): T | null {
    if (!this.sync) return null;
    if (gl.getSyncParameter(this.sync, gl.SYNC_STATUS) !== gl.SIGNALED) return null;
    const v = this.value;
    this.clear(gl);
    return v;
  }

  /**
   * Drops the fence without touching the context: after a context loss its sync object is
   * gone with it and would never signal, which would stop a covered canvas drawing for good.
   */
  forget(): void {
    this.sync = null;
    this.value = null;
  }

  clear(gl: WebGL2RenderingContext): void {
    if (this.sync) gl.deleteSync(this.sync);
    this.forget();
  }
}
