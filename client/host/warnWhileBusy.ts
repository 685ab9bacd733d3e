/**
 * Asks before the tab closes while `queue` has files in flight (a 40 MB upload would be lost);
 * the listener is on the window only while it is busy.
 */
export function warnWhileBusy(queue: { readonly busy: boolean; subscribe(listener: () => void): () => void }): void {
  const warn = (e: BeforeUnloadEvent) => e.preventDefault();
  let warning = false;
  queue.subscribe(() => {
    if (queue.busy === warning) return;
    warning = queue.busy;
    if (warning) window.addEventListener('beforeunload', warn);
    else window.removeEventListener('beforeunload', warn);
  });
}
