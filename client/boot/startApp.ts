import type { AppScripts } from '@protocol/tourBoot.ts';
import { appendPreloads } from './appendPreloads.ts';

/**
 * Adds the app's entry module (and preloads of its imports) that the server took out of a
 * tour link's HTML (TourBoot.app). Called once the first paint has asked for its images, so
 * those go first on the connection.
 *
 * With `runAfter` (the first paint's ready) the app's modules download now as prefetches —
 * into the HTTP cache, at the lowest priority, not compiled — and the entry runs only once
 * the paint is on screen (where the browser prefetches; Firefox does so once the page is
 * idle, Safari not at all, so there the app starts at once). A modulepreload is compiled on
 * the main thread as it arrives, and evaluating the app is a long task: either holds back the
 * tasks that hand the decoded tiles to their canvases, and the frame that shows them.
 */
export function startApp(doc: Document, app: AppScripts, runAfter?: Promise<unknown>): void {
  const run = () => {
    appendPreloads(doc, app.modules);
    const script = doc.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = app.entry;
    doc.head.append(script);
  };
  // Safari has prefetch switched off: there the app loads at once, as from the HTML.
  if (!runAfter || !doc.createElement('link').relList.supports('prefetch')) return run();
  appendPreloads(doc, [app.entry, ...app.modules], [], 'prefetch');
  void runAfter.then(run, run);
}
