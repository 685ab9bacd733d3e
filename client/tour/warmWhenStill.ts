/** What warmWhenStill watches: the viewer's status and the view's changes (PanoramaViewer, ViewController). */
export interface StillSources {
  onStatus(listener: (s: { sharp: boolean }) => void): () => void;
  onChange(listener: () => void): () => void;
}

/**
 * Calls `warm` once, after the room is first sharp and the view has then stayed still for
 * `ms`; every change of the view starts the wait again. For work that is only a warm-up
 * (loading the dollhouse's code): evaluating a chunk is a long task, and started the moment
 * the room turned sharp it landed in the middle of whatever pan was going on. Returns a
 * function that stops watching.
 */
export function warmWhenStill(src: StillSources, ms: number, warm: () => void): () => void {
  let sharp = false;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    if (sharp && !done)
      timer = setTimeout(() => {
        done = true;
        stop();
        warm();
      }, ms);
  };
  const offStatus = src.onStatus((s) => {
    if (s.sharp && !sharp) {
      sharp = true;
      arm();
    }
  });
  const offChange = src.onChange(arm);
  const stop = () => {
    clearTimeout(timer);
    offStatus();
    offChange();
  };
  return stop;
}
