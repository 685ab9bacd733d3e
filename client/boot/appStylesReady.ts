/** The app never waits longer than this for its stylesheets (a failed one must not leave the page blank). */
const MAX_MS = 3000;

/**
 * Settles once the app's stylesheets apply. On a tour link the server sends them as
 * preloads that the first-paint script turns into stylesheets on arrival (applyAppStyles;
 * server/static/tourBootHtml.ts nonBlockingStyles), so they don't hold back the first
 * paint; the app renders only after.
 * Elsewhere they are ordinary stylesheets and this settles at once.
 */
export function appStylesReady(doc: Document = document): Promise<void> {
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
        check();
      }),
  );
  return Promise.race([Promise.all(each).then(() => {}), new Promise<void>((r) => setTimeout(r, MAX_MS))]);
}
