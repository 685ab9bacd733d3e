import { parseTourParams, TOUR_BOOT_ID, type AppScripts, type Place, type TourBoot } from '../protocol/index.ts';

/**
 * The TourBoot a tour link's HTML carries: the public place (as GET /api/places/:id
 * answers) and the room and view the link asks for. Null when the link names a room the
 * place lacks: that page is the room-not-found message, with nothing to paint.
 */
export function tourBoot(place: Place, search: string): TourBoot | null {
  const params = parseTourParams(search);
  const sceneId = params.sceneId ?? place.tour.startScene;
  if (params.rawScene !== undefined && params.sceneId === undefined) return null;
  if (!place.tour.scenes.some((s) => s.id === sceneId)) return null;
  return { place, sceneId, view: params.view };
}

/** `<`, `>`, `&` and the JS line separators as \u escapes: host-written titles can never close the script element. */
const escapeJson = (json: string) => json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The elements that go first in a tour link's <body>: the boot data as inert JSON, then the
 * first-paint script inline (a separate file would cost a round trip before any image is
 * asked for). Without a built script only the data goes in: the app still starts from it.
 */
export function tourBootHtml(boot: TourBoot, script: string): string {
  const data = `<script type="application/json" id="${TOUR_BOOT_ID}">${escapeJson(JSON.stringify(boot))}</script>`;
  return canInline(script) ? `${data}<script>${script}</script>` : data;
}

/** Whether a built script can go inline: it exists and cannot end its own element. */
export function canInline(script: string): boolean {
  return script.length > 0 && !/<\/script/i.test(script);
}

/**
 * The app's stylesheets as preloads that turn into stylesheets when they arrive: a
 * stylesheet in <head> holds back every paint until it has loaded, the first paint
 * included, and the first paint needs none of
 * it (its styles are inline). The first-paint script turns them into stylesheets as they
 * arrive (client/boot/applyAppStyles.ts; an onload attribute would be inline script, which the
 * Content-Security-Policy blocks) and the app waits for them before it renders
 * (client/boot/appStylesReady.ts), so nothing shows unstyled. Our own static markup, from
 * the build's index.html.
 */
export function nonBlockingStyles(html: string): string {
  return html.replace(/<link rel="stylesheet"( crossorigin)? href="([^"<>]+)">/g, (_m, cors: string | undefined, href: string) => `<link rel="preload" as="style"${cors ?? ''} href="${href}" data-app-style>`);
}

/**
 * The build's index.html without the app's entry module script and its modulepreload links,
 * and their URLs, for the first paint to add once its images are asked for (TourBoot.app).
 * Null `app` (and the HTML as it was) when the page has no entry module to take out. Our own
 * static markup, from the build's index.html.
 */
export function deferAppScripts(html: string): { html: string; app: AppScripts | null } {
  const entry = /<script type="module"(?: crossorigin)? src="([^"<>]+)"><\/script>/.exec(html);
  if (!entry) return { html, app: null };
  const modules: string[] = [];
  const rest = html
    .replace(entry[0], '')
    .replace(/<link rel="modulepreload"(?: crossorigin)? href="([^"<>]+)">/g, (_m, href: string) => (modules.push(href), ''));
  return { html: rest, app: { entry: entry[1], modules } };
}
