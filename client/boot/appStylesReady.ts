/** The app never waits longer than this for its stylesheets (a failed one must not leave the page blank). */
const MAX_MS = 3000;

/**
 * Settles once the app's stylesheets apply. On a tour link the server sends them as
 * preloads (server/static/tourBootHtml.ts nonBlockingStyles), so they don't hold back the
 * first paint; this turns them into stylesheets (by then they are in the cache or on their
 * way) and the app renders only after. An onload attribute would do it sooner, but the
 * Content-Security-Policy blocks it as inline script. Elsewhere there are none and this
 * settles at once.
 */
export async function appStylesReady(doc: Document = document): Promise<void> {
  // The links are in <head>; the app may start before the parser has finished it.
  if (doc.readyState === 'loading') await new Promise((r) => doc.addEventListener('DOMContentLoaded', r, { once: true }));
  const links = [...doc.querySelectorAll<HTMLLinkElement>('link[data-app-style]')];
  const applied = (l: HTMLLinkElement) => l.rel === 'stylesheet' && !!l.sheet;
  const each = links.map(
    (l) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!applied(l)) return;
          l.removeEventListener('load', check);
          resolve();
        };
        l.addEventListener('load', check);
        l.addEventListener('error', () => resolve());
        if (l.rel !== 'stylesheet') l.rel = 'stylesheet';
        check();
      }),
  );
  return Promise.race([Promise.all(each).then(() => {}), new Promise<void>((r) => setTimeout(r, MAX_MS))]);
}
