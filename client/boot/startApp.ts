import type { AppScripts } from '@protocol/tourBoot.ts';
import { appendPreloads } from './appendPreloads.ts';

/**
 * Adds the app's entry module (and preloads of its imports) that the server took out of a
 * tour link's HTML (TourBoot.app). Called once the first paint has asked for its images, so
 * those go first on the connection; the app then loads as it would from the HTML (a module
 * script runs once it and its imports have arrived).
 */
export function startApp(doc: Document, app: AppScripts): void {
  appendPreloads(doc, app.modules);
  const script = doc.createElement('script');
  script.type = 'module';
  script.crossOrigin = '';
  script.src = app.entry;
  doc.head.append(script);
}
