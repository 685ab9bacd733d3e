/**
 * Turns a tour link's stylesheet preloads (server/static/tourBootHtml.ts nonBlockingStyles)
 * into stylesheets as each arrives, as an onload attribute on them would — which the
 * Content-Security-Policy blocks as inline script. Listens on the document in the capture
 * phase (load does not bubble; the links are parsed after this runs) until the last has turned.
 */
export function applyAppStyles(doc: Document): void {
  const pending = () => doc.querySelectorAll('link[data-app-style][rel="preload"]').length;
  const onLoad = (e: Event) => {
    const link = e.target;
    if (!(link instanceof HTMLLinkElement) || !link.hasAttribute('data-app-style') || link.rel !== 'preload') return;
    link.rel = 'stylesheet';
    if (doc.readyState !== 'loading' && pending() === 0) doc.removeEventListener('load', onLoad, true);
  };
  doc.addEventListener('load', onLoad, true);
  doc.addEventListener('DOMContentLoaded', () => pending() === 0 && doc.removeEventListener('load', onLoad, true), { once: true });
}
